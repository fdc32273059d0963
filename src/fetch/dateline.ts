/**
 * The publication date an old page states only in words, in its dateline: "Published:
 * Wednesday, 3 September 2025, 16:45", "Posted on September 3, 2025". Table-layout CMSs and
 * hand-made local sites have no meta tags, no JSON-LD and no `<time>`; without this their
 * stories are archived undated. Only a date the page calls the publication date is read:
 * never "Updated" or "Last modified", and never a date that merely appears in the text.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A month name or its three-letter abbreviation (with an optional full stop). */
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY =
  '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\\.?,?\\s+';

/**
 * "Published" or "Posted" (optionally "First published", "on"), then a day-month-year or a
 * month-day-year date, the weekday optional. Numeric dates (03/09/2025) are left out: the
 * page does not say whether the day or the month comes first.
 */
const STATED_DATE = new RegExp(
  `\\b(?:first\\s+)?(?:published|posted)(?:\\s+on)?\\s*:?\\s*(?:${WEEKDAY})?` +
    `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})` +
    `|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))\\b`,
  'iu',
);

/** Longest dateline text examined: a dateline is a line, not a story. */
const MAX_DATELINE_CHARS = 300;

/**
 * Elements that hold a dateline, by the names CMSs give them; the first that states a
 * publication date wins.
 */
const DATELINE_ELEMENTS = [
  '[class*="dateline" i]',
  '[class*="byline" i]',
  '[class*="posted" i]',
  '[class*="published" i]',
  '[class*="date" i]',
  '[id*="dateline" i]',
  '[id*="byline" i]',
  '[class*="meta" i]',
].join(',');

/** The ISO date (YYYY-MM-DD) a dateline text states as the publication date, if any. */
export function statedDatelineDate(text: string): string | undefined {
  const match = STATED_DATE.exec(text.slice(0, MAX_DATELINE_CHARS));
  if (match === null) return undefined;
  const [, dayFirst, monthAfterDay, yearAfterDay, monthFirst, dayAfterMonth, yearAfterMonth] =
    match;
  const day = Number(dayFirst ?? dayAfterMonth);
  const monthName = (monthAfterDay ?? monthFirst)!.toLowerCase().replace('.', '');
  const month = MONTHS.findIndex((name) => name.startsWith(monthName.slice(0, 3))) + 1;
  const year = Number(yearAfterDay ?? yearAfterMonth);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (year < 1900 || year > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The publication date a page's dateline states in words, if any. */
export function datelinePublished(document: Document): string | undefined {
  for (const element of document.querySelectorAll(DATELINE_ELEMENTS)) {
    const text = element.textContent ?? '';
    if (text.length > MAX_DATELINE_CHARS) continue;
    const date = statedDatelineDate(text);
    if (date !== undefined) return date;
  }
  return undefined;
}

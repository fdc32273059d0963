/**
 * Dates written in words, as articles and pages state them: "3 September 2025", "Wednesday,
 * 3 September 2025, 16:45", "September 3rd, 2025", "Sun, 24 Aug 2025 10:00:00 GMT". Read into
 * their calendar day (YYYY-MM-DD): a time without a stated zone would be a guess. Numeric
 * dates (03/09/2025) are not read: whether the day or the month comes first is not stated.
 */
import { isCalendarDay } from './calendar-day.js';

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** A month's name or abbreviation (with an optional full stop). */
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY =
  '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\\.?,?\\s+';
const ORDINAL = '(?:st|nd|rd|th)?';

/**
 * A written date, weekday optional, day first or month first: six groups, (day, month, year)
 * or (month, day, year). Meant to be embedded in a larger pattern (case-insensitive, `u`).
 */
export const WRITTEN_DATE =
  `(?:${WEEKDAY})?` +
  `(?:(\\d{1,2})${ORDINAL}\\s+${MONTH},?\\s+(\\d{4})` +
  `|${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4}))\\b`;

/** A whole value that is a written date, perhaps with a time and a zone after it. */
const WHOLE_DATE = new RegExp(
  `^\\s*${WRITTEN_DATE}(?:[\\s,]+[\\d:.]+\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{1,5}|\\s*[+-]\\d{4})?)?\\s*$`,
  'iu',
);

/** YYYY-MM-DD of the six groups of a WRITTEN_DATE match, if it is a real calendar day. */
export function dateOfGroups(groups: readonly (string | undefined)[]): string | undefined {
  const [dayFirst, monthAfterDay, yearAfterDay, monthFirst, dayAfterMonth, yearAfterMonth] = groups;
  const day = Number(dayFirst ?? dayAfterMonth);
  const name = (monthAfterDay ?? monthFirst ?? '').toLowerCase().slice(0, 3);
  const month = MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1;
  const year = Number(yearAfterDay ?? yearAfterMonth);
  if (month === 0 || year < 1900 || year > 2200) return undefined;
  if (!isCalendarDay(year, month, day)) return undefined;
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The calendar day a value written as a date in words states, if it is one. */
export function writtenDate(text: string): string | undefined {
  const match = WHOLE_DATE.exec(text);
  return match === null ? undefined : dateOfGroups(match.slice(1, 7));
}

/**
 * The publication date an old page states only in words, in its dateline: "Published:
 * Wednesday, 3 September 2025, 16:45", "Posted on September 3, 2025". Table-layout CMSs and
 * hand-made local sites have no meta tags, no JSON-LD and no `<time>`; without this their
 * stories are archived undated. Only a date the page calls the publication date is read:
 * never "Updated" or "Last modified", and never a date that merely appears in the text.
 */
import { dateOfGroups, WRITTEN_DATE } from '../written-date.js';

/**
 * "Published" or "Posted" (optionally "First published", "on"), then a date in words
 * (written-date.ts).
 */
const STATED_DATE = new RegExp(
  `\\b(?:first\\s+)?(?:published|posted)(?:\\s+on)?\\s*:?\\s*${WRITTEN_DATE}`,
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
  return match === null ? undefined : dateOfGroups(match.slice(1, 7));
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

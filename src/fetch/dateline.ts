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
  '[class*="submitted" i]',
].join(',');

/** A box of another date: the last change, a comment's, a related story's. */
const OTHER_DATE = /updat|modif|edited|comment|related|reply/iu;
/** Parts of a page around the story, whose dates are other stories' (or comments'). */
const AROUND_THE_STORY =
  /related|sidebar|widget|latest|popular|trending|recommend|comment|footer|\bnav|menu|teaser|promo/iu;

/**
 * How far up a box's containers are read, and how many boxes are tried. A byline sits a few
 * levels inside its story, near the top of the page; unbounded, 8,000 nested date boxes (the
 * most elements a page is read for) took 12 s.
 */
const MAX_CONTAINER_DEPTH = 15;
const MAX_BOXES = 100;

/** Whether `element` sits in a part of the page around the story (see AROUND_THE_STORY). */
function aroundTheStory(element: Element): boolean {
  let depth = 0;
  for (
    let at = element.parentElement;
    at !== null && depth < MAX_CONTAINER_DEPTH;
    at = at.parentElement, depth++
  ) {
    if (at.matches('aside, nav, footer')) return true;
    if (AROUND_THE_STORY.test(`${at.className} ${at.id}`)) return true;
  }
  return false;
}

/** The `<time datetime>` a dateline box holds, unless it is marked as another date. */
function datelineTime(box: Element): string | undefined {
  const times = box.matches('time[datetime]') ? [box] : [...box.querySelectorAll('time[datetime]')];
  for (const time of times) {
    if (OTHER_DATE.test(`${time.className} ${time.id}`)) continue;
    const value = time.getAttribute('datetime')?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** The ISO date (YYYY-MM-DD) a dateline text states as the publication date, if any. */
export function statedDatelineDate(text: string): string | undefined {
  const match = STATED_DATE.exec(text.slice(0, MAX_DATELINE_CHARS));
  return match === null ? undefined : dateOfGroups(match.slice(1, 7));
}

/**
 * The publication date a page's dateline states: the `<time datetime>` in its byline or
 * date box (Ghost's `byline-meta-date`, Drupal's `node__submitted`), or in words. Boxes of
 * another date (updated, a comment's) are passed over; the first box that states one wins.
 */
export function datelinePublished(document: Document): string | undefined {
  let tried = 0;
  for (const element of document.querySelectorAll(DATELINE_ELEMENTS)) {
    if (tried++ >= MAX_BOXES) break;
    const text = element.textContent ?? '';
    if (text.length > MAX_DATELINE_CHARS) continue;
    if (OTHER_DATE.test(`${element.className} ${element.id}`) || aroundTheStory(element)) continue;
    const date = datelineTime(element) ?? statedDatelineDate(text);
    if (date !== undefined) return date;
  }
  return undefined;
}

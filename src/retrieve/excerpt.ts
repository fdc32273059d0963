import type { Span } from '../ingest/passage.js';

/** Marks where an excerpt was cut out of a longer paragraph. */
export const ELLIPSIS = '…';

/** A quote cut from an article: verbatim apart from the leading/trailing ellipsis. */
export interface Excerpt {
  readonly text: string;
  /** The best sentence as it appears in `text` (a substring of it). */
  readonly highlight: string;
  /** Article offsets of the quoted slice (without ellipses). */
  readonly start: number;
  readonly end: number;
}

/**
 * Cuts a sentence-aligned excerpt of at most about `maxChars` characters around the best
 * sentence: it grows one neighbouring sentence at a time (the following one first, since news
 * sentences usually elaborate on what precedes them) while the slice still fits. A best
 * sentence longer than the budget is itself cut at a word boundary.
 *
 * "…" is added on a side where the slice stops inside a paragraph, so a reader knows the
 * quote continues in the article.
 */
export function cutExcerpt(
  articleText: string,
  sentences: readonly Span[],
  best: number,
  maxChars = 400,
): Excerpt {
  const focus = sentences[best];
  if (focus === undefined) throw new RangeError(`no sentence ${best} in this passage`);
  let first = best;
  let last = best;
  const width = (a: number, b: number) => sentences[b]![1] - sentences[a]![0];
  // A subheading is not part of what the reporting says: the quote never grows over one.
  const text = (i: number) => articleText.slice(sentences[i]![0], sentences[i]![1]);
  const quotable = (i: number) => !isHeading(text(i));
  // A live blog's entry time opens its entry: the quote may start with the best sentence's
  // own time, and never runs on into the next entry's, which would seem to date this one.
  const clock = (i: number) => isClockTime(text(i));
  let opened = clock(best);
  for (let grew = true; grew;) {
    grew = false;
    const next = last + 1;
    if (
      next < sentences.length &&
      quotable(next) &&
      !clock(next) &&
      width(first, next) <= maxChars
    ) {
      last++;
      grew = true;
    }
    if (!opened && first > 0 && quotable(first - 1) && width(first - 1, last) <= maxChars) {
      first--;
      opened = clock(first);
      grew = true;
    }
  }
  // A list item's bullet is layout, not words: the quote starts after it.
  const bullet = BULLET.exec(articleText.slice(sentences[first]![0], sentences[first]![1]));
  const start = sentences[first]![0] + (bullet?.[0].length ?? 0);
  let end = sentences[last]![1];
  if (end - start > maxChars) {
    // Only the best sentence is left and it is too long: keep its opening words.
    const cut = articleText.lastIndexOf(' ', start + maxChars);
    end = cut > start ? cut : start + maxChars;
    while (end > start && /[\s,;:–—-]/u.test(articleText[end - 1]!)) end--;
  }
  const quoted = articleText.slice(start, end);
  // The highlighted sentence leaves out its bullet too, wherever it sits in the quote.
  const focusBullet = BULLET.exec(articleText.slice(focus[0], focus[1]));
  const focusStart = focus[0] + (focusBullet?.[0].length ?? 0);
  const highlight = articleText.slice(Math.max(focusStart, start), Math.min(focus[1], end));
  // (Judged from where the first sentence starts: a stripped bullet is not cut-off text.)
  const before = insideParagraph(articleText, sentences[first]![0], -1) ? ELLIPSIS : '';
  const after = insideParagraph(articleText, end, +1) ? ELLIPSIS : '';
  return { text: `${before}${quoted}${after}`, highlight, start, end };
}

/** A list marker at the start of a line: "• ", "- ", "* ", "– ". */
const BULLET = /^[•●▪◦·*–—-]\s+/u;

/** A sentence without the list marker it may start with. */
export function withoutBullet(sentence: string): string {
  return sentence.replace(BULLET, '');
}

/** Whether a sentence is a time of day alone, as live blogs stamp their entries. */
export function isClockTime(sentence: string): boolean {
  return CLOCK_TIME.test(sentence.trim());
}

const CLOCK_TIME =
  /^(?:[01]?\d|2[0-3])(?::[0-5]\d|[.:][0-5]\d\s?[ap]\.?m\.?|\s?[ap]\.?m\.?)(?:\s+\p{Lu}{2,4})?$/iu;

/**
 * A subheading or a bare list label ("The Path Forward", "• Sanctions"): a short line of at
 * most eight words that does not end like a sentence.
 */
export function isHeading(sentence: string): boolean {
  const text = withoutBullet(sentence.trim());
  if (text === '') return true;
  // A live blog's entry time ("15:48", "9.40am BST") says when the entry's news happened.
  if (isClockTime(text)) return false;
  if (/[.!?…:;"”’)\]]$/u.test(text)) return false;
  return text.split(/\s+/u).length <= 8;
}

/** True when text continues in the same paragraph beyond `offset` in `direction`. */
function insideParagraph(text: string, offset: number, direction: -1 | 1): boolean {
  if (direction < 0) {
    const gap = text.slice(0, offset);
    return gap.trim() !== '' && !/\n\s*\n\s*$/u.test(gap);
  }
  const gap = text.slice(offset);
  return gap.trim() !== '' && !/^\s*\n\s*\n/u.test(gap);
}

/** The verbatim pieces of an excerpt, without the ellipses that mark cuts. */
export function verbatimPieces(excerptText: string): string[] {
  return excerptText
    .split(ELLIPSIS)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

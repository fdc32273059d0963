/** A half-open character range `[start, end)` into an article's cleaned `text`. */
export type Span = readonly [start: number, end: number];

/**
 * A run of whole sentences from one article, the unit that is embedded and searched.
 * Invariant: `text === article.text.slice(start, end)`, and every sentence span lies
 * inside `[start, end)` in order, so any excerpt cut from it is verbatim.
 */
export interface Passage {
  /** `${articleId}#${index}` */
  readonly id: string;
  readonly articleId: string;
  /** Position of the passage within its article, from 0. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Sentence spans, absolute offsets into the article text. */
  readonly sentences: readonly Span[];
}

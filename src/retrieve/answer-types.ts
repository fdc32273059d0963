import type { ArticleSource } from '../ingest/article.js';

/** How a quote is attributed: the fields of the article that the article itself states. */
export type SourceRef = Pick<ArticleSource, 'id' | 'title' | 'outlet' | 'url' | 'published'>;

/** One quoted fact. */
export interface AnswerResult {
  /** Verbatim, sentence-aligned slice of the source article; "…" marks trimmed ends. */
  readonly text: string;
  /** The sentence of `text` that best answers the question (a substring of `text`). */
  readonly highlight?: string;
  /** Fused relevance, higher is better; comparable within one answer only. */
  readonly score: number;
  readonly source: SourceRef;
  /** Other articles that report the same fact, best first. */
  readonly alsoReportedBy: readonly SourceRef[];
}

/**
 * What coverage-bot says to a question. `answered: false` means the coverage does not
 * answer it (results is then empty) — that is data, not an error.
 */
export interface Answer {
  readonly question: string;
  readonly answered: boolean;
  /**
   * With an answer: `high` when the coverage clearly answers, `low` when it only comes close
   * ("the coverage doesn't answer this directly; the closest it comes: …").
   */
  readonly confidence?: 'high' | 'low';
  readonly results: readonly AnswerResult[];
}

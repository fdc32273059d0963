import type { Answer, SourceRef } from '../retrieve/answer-types.js';
import type { IndexModel } from '../store/corpus-index.js';

/** Longest question accepted, in characters: longer text is a pasted article, not a question. */
export const MAX_QUESTION_CHARS = 500;

/** Options of one question. */
export interface AskOptions {
  /** How many results at most (default 3). */
  readonly top?: number;
  /** Restrict to one article (its id) or one outlet (its name, case-insensitive). */
  readonly source?: string;
}

/** Facts about the loaded coverage, for `/about`. */
export interface CoverageInfo {
  readonly articles: number;
  readonly passages: number;
  readonly outlets: number;
  readonly model: IndexModel;
  /** ISO timestamp of the last ingest. */
  readonly builtAt: string;
}

/**
 * The answering service that adapters (CLI, Discord) use: model and index loaded once,
 * then any number of questions. Implemented by `openCoverage`.
 */
export interface Coverage {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Every article, newest first (undated last), then by title. */
  sources(): readonly SourceRef[];
  /** Distinct outlet names, sorted. */
  outlets(): readonly string[];
  info(): CoverageInfo;
  close(): Promise<void>;
}

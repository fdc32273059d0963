/**
 * What an article says about itself. Optional fields are absent when the article does not
 * state them: coverage-bot never invents an outlet, a date or a link.
 */
export interface ArticleSource {
  /** Stable id: the article's file name without extension (e.g. `000_938999e51d1b5c4a`). */
  readonly id: string;
  readonly title: string;
  readonly outlet?: string;
  readonly author?: string;
  /** ISO 8601 date (`YYYY-MM-DD`) or date-time, as stated by the article. */
  readonly published?: string;
  readonly url?: string;
}

/** An article ready to split: its source, and its body cleaned of scraped boilerplate. */
export interface Article extends ArticleSource {
  /**
   * The cleaned body (Unicode NFC, whitespace normalised, paragraphs separated by "\n\n").
   * Every passage offset and every quoted excerpt refers to this exact string.
   */
  readonly text: string;
  /** Path of the file it was read from, for messages. */
  readonly path: string;
  /** Content hash of the raw file bytes (hex sha256); unchanged hash ⇒ nothing to re-embed. */
  readonly hash: string;
}

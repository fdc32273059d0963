import { UserError } from '../errors.js';
import type { LiveCoverage, RefreshReport } from './live-coverage.js';

/** What the page fetcher wrote into the archive, as stated by the page. */
export interface AddedArticle {
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly url?: string;
}

/**
 * Fetches one web page into the archive (the page fetcher of src/fetch, wired in main.ts).
 * Rejects with a `UserError` saying why when the page cannot be added (not found, not an
 * article, a private address…).
 */
export type AddPage = (url: string) => Promise<AddedArticle>;

export interface AddPageResult {
  readonly article: AddedArticle;
  /** The refresh that brought the article into the index (or failed to). */
  readonly refresh: RefreshReport;
}

/**
 * The web address a user typed, or a `UserError` saying what to type: only http(s) links
 * (the fetcher also refuses private addresses; this only checks the form).
 */
export function parsePageUrl(text: string): URL {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UserError(
      `"${trimmed}" is not a web address: paste the article's full link, starting with https://`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(
      `"${trimmed}" is a ${url.protocol.replace(/:$/, '')} link: only web pages (https://…) can be added.`,
    );
  }
  return url;
}

/**
 * Adds a page and refreshes the running coverage at once (without fetching the feeds), so the
 * next question can quote it. The refresh is the live coverage's own: it never overlaps a poll.
 */
export function addPageAndRefresh(
  addPage: AddPage,
  coverage: Pick<LiveCoverage, 'refresh'>,
): (url: string) => Promise<AddPageResult> {
  return async (text) => {
    const url = parsePageUrl(text);
    const article = await addPage(url.href);
    const refresh = await coverage.refresh({ fetch: false });
    return { article, refresh };
  };
}

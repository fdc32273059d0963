import { UserError } from '../errors.js';
import { readFeedsFile, type FeedSource } from '../fetch/feeds-file.js';
import type { Logger } from '../log.js';
import type { AddPage } from './add-page.js';
import { runInChild } from './child-process.js';
import { addPagesToArchive, fetchFeedsIntoArchive, type FetchReport } from './fetch-articles.js';
import type { FetchArticles } from './live-coverage.js';

/** What the running bot needs to fetch from the web into its article folder. */
export interface WebUpdateSettings {
  readonly feedsFile: string;
  readonly dataDir: string;
  readonly allowPrivateUrls: boolean;
}

/**
 * The running bot's fetch step: reads the feeds file afresh on every poll (so feeds added to
 * it are picked up without a restart) and writes new items into the article folder. No feeds
 * file, or one with only comments, means nothing to fetch. The index is not touched: the live
 * coverage ingests afterwards, outside the bot's process.
 */
export function fetchConfiguredFeeds(
  settings: WebUpdateSettings,
  log: Logger,
  fetchFeeds: FetchFeeds = fetchInProcess(settings, log),
): FetchArticles {
  let reportedMissing = false;
  return async (signal) => {
    let feeds;
    try {
      feeds = await readFeedsFile(settings.feedsFile);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (!reportedMissing) log.info(`No feeds to poll: ${error.message}`);
      reportedMissing = true;
      return undefined;
    }
    reportedMissing = false;
    for (const problem of feeds.problems) log.warn(`${settings.feedsFile} ${problem}`);
    if (feeds.sources.length === 0) return undefined;
    const report = await fetchFeeds(feeds.sources, signal);
    log.info(describePoll(report));
    return report;
  };
}

/** Reads `sources` into the article folder. */
export type FetchFeeds = (
  sources: readonly FeedSource[],
  signal: AbortSignal,
) => Promise<FetchReport>;

function fetchInProcess(settings: WebUpdateSettings, log: Logger): FetchFeeds {
  return (sources, signal) =>
    fetchFeedsIntoArchive(sources, {
      articlesDir: settings.dataDir,
      allowPrivate: settings.allowPrivateUrls,
      log,
      signal,
    });
}

/** Adds pages (or a feed's items, given a feed or a front page) to the article folder. */
export type AddPages = (urls: readonly string[]) => Promise<FetchReport>;

/**
 * `/coverage add`'s pages read in the fetch child, like the feed polls (see
 * fetchInChildProcess): one page is up to about two seconds of extraction, and a front page
 * given to add brings its feed's stories.
 */
export function addInChildProcess(settings: WebUpdateSettings): AddPages {
  return (urls) =>
    inFetchChild(settings, { kind: 'pages', urls }, new AbortController().signal, 'add');
}

/** What the parent sends the fetch child (fetch-child.ts): feeds to read, or pages to add. */
export type FetchChildRequest = FetchChildJob & {
  readonly articlesDir: string;
  readonly allowPrivate: boolean;
};

/** The fetch child's two jobs. */
type FetchChildJob =
  | { readonly kind: 'feeds'; readonly sources: readonly FeedSource[] }
  | { readonly kind: 'pages'; readonly urls: readonly string[] };

/**
 * The feeds read in a child process (fetch-child.ts), for the running bot. Extracting a page
 * (jsdom and Readability) holds the event loop about half a second for a story page and up to
 * about two for the largest read (extract-page.ts MAX_ELEMENTS); a poll of twenty new stories
 * would hold it for seconds in all, with Discord's interactions waiting behind. The child
 * logs to stderr as the bot does; aborting kills it, and the articles it already wrote stay
 * (each is written whole).
 */
export function fetchInChildProcess(settings: WebUpdateSettings): FetchFeeds {
  return (sources, signal) => inFetchChild(settings, { kind: 'feeds', sources }, signal, 'fetch');
}

/** Runs one job of the fetch child on the settings' article folder. */
function inFetchChild(
  settings: WebUpdateSettings,
  job: FetchChildJob,
  signal: AbortSignal,
  what: string,
): Promise<FetchReport> {
  const request: FetchChildRequest = {
    ...job,
    articlesDir: settings.dataDir,
    allowPrivate: settings.allowPrivateUrls,
  };
  return runInChild<FetchReport>('fetch-child', request, signal, what);
}

/** One line per poll: "Feeds: 2 new articles, 1 unchanged feed, 0 failed." */
export function describePoll(report: FetchReport): string {
  const feeds = report.results.filter((r) => r.kind === 'feed').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `Feeds: ${plural(feeds, 'feed')} read, ${plural(report.added.length, 'new article')}, ` +
    `${report.unchanged} unchanged, ${report.failed} failed.`
  );
}

/**
 * `/coverage add`: fetches one page into the article folder (a feed's address, or a site's
 * front page that links one, adds the feed's new items); a page that cannot be added
 * (already there, not an article, unreachable, a private address) is a `UserError` saying why.
 */
export function addPageFromWeb(
  settings: WebUpdateSettings,
  log: Logger,
  addPages: AddPages = (urls) =>
    addPagesToArchive(urls, {
      articlesDir: settings.dataDir,
      allowPrivate: settings.allowPrivateUrls,
      log,
    }),
): AddPage {
  return async (url) => {
    const report = await addPages([url]);
    const result = report.results[0];
    if (result?.kind === 'feed') {
      // A feed's address, or a front page that links one: its items were added.
      const added = report.added.length;
      if (added > 0)
        return { title: `${added} article${added === 1 ? '' : 's'} from its feed`, url };
      throw new UserError(
        `Could not add ${url}: ${result.status === 'failed' ? (result.reason ?? 'the feed failed') : 'its feed has no new articles'}.`,
      );
    }
    if (result?.status === 'added') {
      return { title: result.title ?? url, url };
    }
    if (result?.status === 'duplicate') {
      throw new UserError(`That article is already in the coverage (${result.file ?? url}).`);
    }
    throw new UserError(`Could not add ${url}: ${result?.reason ?? 'no article found'}.`);
  };
}

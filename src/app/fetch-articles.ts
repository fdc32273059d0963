import type { Logger } from '../log.js';
import { ArchiveCatalog } from '../fetch/archive-catalog.js';
import { MAX_ARTICLE_PAGES } from '../fetch/article-pages.js';
import { chooseFields } from '../fetch/article-fields.js';
import { writeArticle, type FetchedArticle } from '../fetch/archive-file.js';
import { canonicalKey } from '../fetch/canonical-url.js';
import { cleanFetchedText } from '../fetch/clean-fetched.js';
import { discoverFeeds, extractPage } from '../fetch/extract-page.js';
import type { FeedSource } from '../fetch/feeds-file.js';
import {
  defaultStatePath,
  readFetchState,
  writeFetchState,
  type FetchStateData,
} from '../fetch/fetch-state.js';
import { htmlToParagraphs } from '../fetch/html-paragraphs.js';
import { sitemapsIn } from '../fetch/robots.js';
import {
  createHttpClient,
  DEFAULT_HTTP_OPTIONS,
  FEED_MEDIA_TYPES,
  FetchError,
  USER_AGENT,
  type HttpClient,
  type HttpClientOptions,
  type Resolver,
} from '../fetch/http-client.js';
import { countWords } from '../ingest/clean.js';
import { FeedFormatError, parseFeed, type Feed, type FeedItem } from '../fetch/parse-feed.js';

/**
 * Fetching into the archive: feeds and single pages become Markdown files in the articles
 * folder. Only fetch and write — updating the index is the caller's next step (ingest), so
 * the CLI and the live poller share this code and ingest stays the single path into the
 * index.
 */

/** Per-URL outcome. Pages: added / duplicate / failed; feeds: fetched / unchanged / failed. */
export type FetchStatus = 'added' | 'duplicate' | 'unchanged' | 'fetched' | 'failed';

export interface FetchResult {
  readonly kind: 'feed' | 'page';
  readonly url: string;
  readonly status: FetchStatus;
  /** Why it failed, or a remark (e.g. text taken from the feed because the page failed). */
  readonly reason?: string;
  /** The article file (relative to the articles folder): written, or the existing twin. */
  readonly file?: string;
  readonly title?: string;
  /** For a page found through a feed: that feed. */
  readonly feed?: string;
  /** A failure that may go away (timeout, network, 5xx): the item is tried again later. */
  readonly transient?: boolean;
  /** For a feed: items it lists, items new this run, items left for a later run. */
  readonly items?: number;
  readonly newItems?: number;
  readonly deferred?: number;
}

export interface FetchReport {
  readonly results: readonly FetchResult[];
  /** Files written by this run, relative to the articles folder. */
  readonly added: readonly string[];
  readonly duplicates: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface FetchOptions {
  /** The articles folder (DATA_DIR). */
  readonly articlesDir: string;
  /** Allow private, loopback and link-local addresses (ALLOW_PRIVATE_URLS). */
  readonly allowPrivate: boolean;
  /** Where validators and seen items are kept; default `<articlesDir>/.fetch-state.json`. */
  readonly statePath?: string;
  /** A ready client (tests, the poller); default: one made from `http` and `resolve`. */
  readonly client?: HttpClient;
  /** DNS resolution for the default client (tests inject a fake). */
  readonly resolve?: Resolver;
  /** Overrides of the default client's limits (timeouts, delay, sizes). */
  readonly http?: Partial<Omit<HttpClientOptions, 'allowPrivate' | 'resolve'>>;
  /** New items read per feed and run; the rest wait for the next run (default 50). */
  readonly maxNewItemsPerFeed?: number;
  /** Feeds read at once (each host still gets one request at a time); default 4. */
  readonly concurrency?: number;
  readonly log?: Logger;
  /** Aborting stops between items; what was written stays written. */
  readonly signal?: AbortSignal;
}

/**
 * 50 new items per feed and run: a busy news feed publishes well under 50 items per
 * 30-minute poll, and a first read of a 5,000-item archive feed then takes 100 polite runs
 * instead of one 85-minute burst against one site.
 */
const DEFAULT_MAX_NEW_ITEMS = 50;
/** What `add` reads as a feed rather than a page: feed types, and XML (sitemaps, most feeds). */
const FEED_LIKE_TYPES = [...FEED_MEDIA_TYPES, 'application/xml', 'text/xml'];
const DEFAULT_CONCURRENCY = 4;
/** After this many failed attempts an item is given up (until the state file is deleted). */
const MAX_ITEM_ATTEMPTS = 3;
/**
 * Fewer words than this is not an article: paywall stubs ("Subscribe to continue reading"),
 * cookie walls and index pages come out of Readability at 5–35 words, while the shortest
 * wire briefs we met run to 60 or more.
 */
export const MIN_ARTICLE_WORDS = 40;

/** Reads every feed in `feeds` and writes each new item as an article file. */
export async function fetchFeedsIntoArchive(
  feeds: readonly FeedSource[],
  options: FetchOptions,
): Promise<FetchReport> {
  const run = await startRun(options);
  const results: FetchResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      options.signal?.throwIfAborted();
      const source = feeds[next++]!;
      results.push(...(await readOneFeed(source, run)));
    }
  };
  try {
    await Promise.all(
      Array.from(
        { length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, feeds.length) },
        worker,
      ),
    );
  } finally {
    await writeFetchState(run.statePath, run.state);
  }
  // Feeds in the order of the file, each followed by its items.
  const order = new Map(feeds.map((feed, index) => [feed.url, index]));
  const position = (result: FetchResult) => order.get(result.feed ?? result.url) ?? 0;
  // Stable sort: each feed's results were pushed together, feed first.
  results.sort((a, b) => position(a) - position(b));
  return summarise(results);
}

/** Fetches each page in `urls` (one after another) and writes it as an article file. */
export async function addPagesToArchive(
  urls: readonly string[],
  options: FetchOptions,
): Promise<FetchReport> {
  const run = await startRun(options);
  const results: FetchResult[] = [];
  let readFeeds = false;
  try {
    for (const url of urls) {
      options.signal?.throwIfAborted();
      const outcome = await addOnePage({ link: url }, run);
      if ('feedInstead' in outcome) {
        // A feed, or a site's front page that links one: its items are what the user means.
        readFeeds = true;
        results.push(...(await readOneFeed({ url }, run)));
      } else {
        results.push(outcome);
      }
    }
  } finally {
    // Only a feed read changes what the fetcher remembers.
    if (readFeeds) await writeFetchState(run.statePath, run.state);
  }
  return summarise(results);
}

interface Run {
  readonly options: FetchOptions;
  readonly client: HttpClient;
  readonly state: FetchStateData;
  readonly statePath: string;
  /** Loaded on first need: a poll where nothing is new never reads the archive. */
  catalog(): Promise<ArchiveCatalog>;
}

async function startRun(options: FetchOptions): Promise<Run> {
  const statePath = options.statePath ?? defaultStatePath(options.articlesDir);
  const client =
    options.client ??
    createHttpClient({
      userAgent: USER_AGENT,
      ...DEFAULT_HTTP_OPTIONS,
      ...options.http,
      allowPrivate: options.allowPrivate,
      ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
    });
  let catalog: Promise<ArchiveCatalog> | undefined;
  return {
    options,
    client,
    state: await readFetchState(statePath, options.log),
    statePath,
    catalog: () => (catalog ??= ArchiveCatalog.load(options.articlesDir)),
  };
}

function summarise(results: FetchResult[]): FetchReport {
  const pages = results.filter((result) => result.kind === 'page');
  return {
    results,
    added: pages.filter((r) => r.status === 'added').map((r) => r.file!),
    duplicates: pages.filter((r) => r.status === 'duplicate').length,
    unchanged: results.filter((r) => r.status === 'unchanged').length,
    failed: results.filter((r) => r.status === 'failed').length,
  };
}

async function readOneFeed(source: FeedSource, run: Run): Promise<FetchResult[]> {
  const { state, client, options } = run;
  const known = state.feeds[source.url];
  const failed = (error: unknown): FetchResult[] => {
    // A feed found on the page before may have moved: look for it again next time.
    if (known?.feed !== undefined) state.feeds[source.url] = { checkedAt: known.checkedAt };
    return [{ kind: 'feed', url: source.url, status: 'failed', reason: reasonOf(error) }];
  };
  let document: FeedDocument | undefined;
  try {
    document = await readFeedDocument(source.url, known, client);
  } catch (error) {
    return failed(error);
  }
  if (document === undefined) {
    state.feeds[source.url] = { ...known, checkedAt: new Date().toISOString() };
    return [{ kind: 'feed', url: source.url, status: 'unchanged', reason: 'not modified (304)' }];
  }
  const { feed, validators, discovered, newestSitemap } = document;
  const feedAddress = discovered?.url ?? known?.feed;

  const fresh = feed.items.filter((item) => {
    const key = itemKey(item);
    return (
      key !== undefined &&
      state.seen[key] === undefined &&
      (state.failures[key] ?? 0) < MAX_ITEM_ATTEMPTS
    );
  });
  const limit = options.maxNewItemsPerFeed ?? DEFAULT_MAX_NEW_ITEMS;
  const chosen = newestFirst(fresh).slice(0, limit);
  const results: FetchResult[] = [];
  let retryLater = fresh.length > chosen.length;
  for (const item of chosen) {
    if (options.signal?.aborted) {
      retryLater = true;
      break;
    }
    const key = itemKey(item)!;
    const outcome = await addOnePage(
      {
        link: item.link ?? '',
        item,
        feedUrl: source.url,
        ...(feed.title === undefined ? {} : { feedTitle: feed.title }),
        ...(source.outlet === undefined ? {} : { outlet: source.outlet }),
      },
      run,
    );
    // (A feed item's link is never read as a feed in turn.)
    const result: FetchResult =
      'feedInstead' in outcome
        ? {
            kind: 'page',
            url: item.link ?? '',
            feed: source.url,
            status: 'failed',
            reason: 'links a feed, not an article',
          }
        : outcome;
    results.push(result);
    if (result.status === 'failed' && result.transient === true) {
      state.failures[key] = (state.failures[key] ?? 0) + 1;
      retryLater = true;
    } else {
      // Added, duplicate, or failed for good (a 404, a paywall, not an article): done with it.
      state.seen[key] = result.file ?? '';
      delete state.failures[key];
    }
  }
  // Validators are kept only after a complete read: with items left for later (deferred,
  // or failed and to be retried), the next run must get the full feed again, not a 304.
  state.feeds[source.url] = {
    ...(retryLater ? {} : validators),
    checkedAt: new Date().toISOString(),
    ...(feedAddress === undefined ? {} : { feed: feedAddress }),
  };
  const remarks = [
    ...(discovered === undefined ? [] : [`${discovered.how}: ${discovered.url}`]),
    ...(newestSitemap === undefined ? [] : [`the index's newest sitemap: ${newestSitemap}`]),
    ...(chosen.length === 0 ? ['no new items'] : []),
  ];
  const feedResult: FetchResult = {
    kind: 'feed',
    url: source.url,
    status: chosen.length === 0 ? 'unchanged' : 'fetched',
    ...(remarks.length === 0 ? {} : { reason: remarks.join('; ') }),
    items: feed.items.length,
    newItems: chosen.length,
    deferred: fresh.length - chosen.length,
  };
  return [feedResult, ...results];
}

/** A feed found for a web page: its address, and where it was named. */
interface Discovered {
  readonly url: string;
  readonly how: string;
}

/** The feed behind a feeds-file entry, and how it was reached. */
interface FeedDocument {
  readonly feed: Feed;
  /** Validators for the next conditional request (none for a sitemap index). */
  readonly validators: { etag?: string; lastModified?: string };
  /** For an entry that is a web page: the feed (or sitemap) read instead, and how it was found. */
  readonly discovered?: Discovered;
  /** The sitemap read for a sitemap index: its newest. */
  readonly newestSitemap?: string;
}

/**
 * Reads the feed behind `url` (or behind the feed found on its page before, `known.feed`):
 * the document itself; for a web page, the first feed it links; for a sitemap index, its
 * newest sitemap. Undefined when the server says nothing changed (304); throws with a
 * one-line reason otherwise.
 */
async function readFeedDocument(
  url: string,
  known: FetchStateData['feeds'][string] | undefined,
  client: HttpClient,
): Promise<FeedDocument | undefined> {
  const response = await client.get({
    url: known?.feed ?? url,
    want: 'feed',
    ...(known?.etag === undefined ? {} : { etag: known.etag }),
    ...(known?.lastModified === undefined ? {} : { lastModified: known.lastModified }),
  });
  if (response.notModified) return undefined;
  let read: Fetched = { url: response.url, parsed: tryParseFeed(response.text), response };
  let discovered: Discovered | undefined;
  if (read.parsed instanceof FeedFormatError && known?.feed === undefined) {
    // A site's address instead of its feed: read the feed the page links, as readers do.
    // Else the sitemap its robots.txt lists, as search engines find it.
    const linked = looksLikeHtml(response.text)
      ? discoverFeeds(response.text, response.url)[0]
      : undefined;
    if (linked !== undefined) {
      discovered = { url: linked, how: 'the feed the page links' };
    } else {
      const sitemap = await sitemapFromRobots(client, response.url);
      if (sitemap !== undefined) {
        discovered = { url: sitemap, how: "the sitemap the site's robots.txt lists" };
      }
    }
    if (discovered === undefined) {
      throw new FeedFormatError(
        `${read.parsed.message}, and neither the page nor the site's robots.txt names a feed or sitemap`,
      );
    }
    read = await fetchFeed(client, discovered.url);
  }
  if (read.parsed instanceof FeedFormatError) throw read.parsed;
  const found = discovered === undefined ? {} : { discovered };
  if (read.parsed.format !== 'sitemap-index') {
    const validators = read.response;
    return {
      feed: withAbsoluteLinks(read.parsed, read.url),
      validators: {
        ...(validators.etag === undefined ? {} : { etag: validators.etag }),
        ...(validators.lastModified === undefined ? {} : { lastModified: validators.lastModified }),
      },
      ...found,
    };
  }
  // A sitemap index: its newest sitemap holds the new articles. The index itself is read
  // again every run (its validators say nothing about the sitemap's).
  const sitemaps = newestFirst(withAbsoluteLinks(read.parsed, read.url).items);
  const newestSitemap = sitemaps.find((item) => item.link !== undefined)?.link;
  if (newestSitemap === undefined) throw new FeedFormatError('a sitemap index listing no sitemap');
  const sitemap = await fetchFeed(client, newestSitemap);
  if (sitemap.parsed instanceof FeedFormatError) throw sitemap.parsed;
  if (sitemap.parsed.format !== 'sitemap') {
    throw new FeedFormatError(`${newestSitemap}, listed by the sitemap index, is no sitemap`);
  }
  return {
    feed: withAbsoluteLinks(sitemap.parsed, sitemap.url),
    validators: {},
    newestSitemap,
    ...found,
  };
}

/** A document fetched as a feed: where it was found, and the feed in it or why there is none. */
interface Fetched {
  readonly url: string;
  readonly parsed: Feed | FeedFormatError;
  /** Its validators, for the next conditional request. */
  readonly response: { readonly etag?: string; readonly lastModified?: string };
}

/** The first sitemap the robots.txt of `pageUrl`'s site lists (news sitemaps first), if any. */
async function sitemapFromRobots(client: HttpClient, pageUrl: string): Promise<string | undefined> {
  const robotsUrl = new URL('/robots.txt', pageUrl).href;
  try {
    const response = await client.get({ url: robotsUrl, want: 'robots' });
    return response.notModified ? undefined : sitemapsIn(response.text, robotsUrl)[0];
  } catch {
    return undefined; // no robots.txt: nothing named there
  }
}

/** Fetches `url` unconditionally and parses it as a feed. */
async function fetchFeed(client: HttpClient, url: string): Promise<Fetched> {
  const response = await client.get({ url, want: 'feed' });
  if (response.notModified) throw new FeedFormatError(`unexpected 304 from ${url}`);
  return { url: response.url, parsed: tryParseFeed(response.text), response };
}

/** The feed in `text`, or why it is none. */
function tryParseFeed(text: string): Feed | FeedFormatError {
  try {
    return parseFeed(text);
  } catch (error) {
    if (error instanceof FeedFormatError) return error;
    throw error;
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text) || /<head[\s>]/i.test(text.slice(0, 4096));
}

/** Resolves items' relative links (some feeds write "/2025/09/story/") against the feed's URL. */
function withAbsoluteLinks(feed: Feed, base: string): Feed {
  return {
    ...feed,
    items: feed.items.map((item) => {
      if (item.link === undefined || /^https?:\/\//i.test(item.link)) return item;
      try {
        return { ...item, link: new URL(item.link, base).href };
      } catch {
        return item;
      }
    }),
  };
}

/** The key an item is remembered by: its link, else its id. */
function itemKey(item: FeedItem): string | undefined {
  if (item.link !== undefined) return canonicalKey(item.link) ?? item.link;
  return item.id === undefined ? undefined : `id:${item.id}`;
}

/**
 * Items by stated date (publication, else last change), newest first; undated ones keep their
 * feed order, after dated ones.
 */
function newestFirst(items: readonly FeedItem[]): FeedItem[] {
  const time = (item: FeedItem) => {
    const stated = item.published ?? item.updated;
    const parsed = stated === undefined ? NaN : Date.parse(stated);
    return Number.isNaN(parsed) ? -Infinity : parsed;
  };
  return items
    .map((item, index) => ({ item, index, time: time(item) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ item }) => item);
}

interface Candidate {
  readonly link: string;
  readonly item?: FeedItem;
  readonly feedUrl?: string;
  readonly feedTitle?: string;
  /** Outlet name from the feeds file. */
  readonly outlet?: string;
}

/**
 * What adding one page came to; `feedInstead` (only for an address given to `add`): the
 * address is a feed, or a page that is no article but links the site's feed.
 */
type PageOutcome = FetchResult | { readonly feedInstead: true };

async function addOnePage(candidate: Candidate, run: Run): Promise<PageOutcome> {
  const { client } = run;
  const base = {
    kind: 'page' as const,
    url: candidate.link || (candidate.item?.id ?? ''),
    ...(candidate.feedUrl === undefined ? {} : { feed: candidate.feedUrl }),
  };
  const failed = (reason: string, transient = false): FetchResult => ({
    ...base,
    status: 'failed',
    reason,
    ...(transient ? { transient } : {}),
  });
  const catalog = await run.catalog();

  const known = catalog.findUrl([candidate.link]);
  if (known !== undefined)
    return {
      ...base,
      status: 'duplicate',
      file: known,
      reason: 'already in the archive (same URL)',
    };

  const feedParagraphs =
    candidate.item?.contentHtml === undefined ? [] : htmlToParagraphs(candidate.item.contentHtml);
  const feedText = cleanFetchedText(feedParagraphs);
  let pageText = '';
  let finalUrl: string | undefined;
  let metadata: ReturnType<typeof extractPage>['metadata'] | undefined;
  let remark: string | undefined;
  if (candidate.link === '') {
    remark = 'the feed item has no link; text from the feed';
  } else {
    try {
      const response = await client.get({ url: candidate.link, want: 'page' });
      if (response.notModified) throw new FetchError(candidate.link, 'unexpected 304');
      finalUrl = response.url;
      const page = extractPage(response.text, response.url);
      metadata = page.metadata;
      const later = await laterStoryPages(client, page.metadata.nextPage, response.url);
      // Each page cleaned on its own: an end-of-body marker on one page ends that page only.
      pageText = [page.paragraphs, ...later.pages]
        .map(cleanFetchedText)
        .filter((text) => text !== '')
        .join('\n\n');
      if (later.stopped !== undefined) remark = later.stopped;
    } catch (error) {
      const isFeed = error instanceof FetchError && FEED_LIKE_TYPES.includes(error.mediaType ?? '');
      if (isFeed && candidate.item === undefined) return { feedInstead: true };
      if (!(error instanceof FetchError) || countWords(feedText) < MIN_ARTICLE_WORDS) {
        return failed(reasonOf(error), error instanceof FetchError && error.transient);
      }
      remark = `page failed (${error.message}); text from the feed`;
    }
  }
  // A front page or section of story teasers given to `add`: its feed's stories are meant,
  // not the teasers (which pass for an article by their length).
  const listing = metadata?.listsStories === true && metadata.feeds.length > 0;
  if (candidate.item === undefined && listing) return { feedInstead: true };
  let text = pageText;
  if (countWords(text) < MIN_ARTICLE_WORDS && countWords(feedText) >= MIN_ARTICLE_WORDS) {
    text = feedText;
    remark ??= 'the page has too little text; text from the feed';
  }
  if (countWords(text) < MIN_ARTICLE_WORDS) {
    const frontPage =
      candidate.item === undefined &&
      metadata !== undefined &&
      !metadata.statesArticle &&
      metadata.feeds.length > 0;
    if (frontPage) return { feedInstead: true };
    return failed(
      `no article text found (${countWords(text)} words): a paywall, an index page or not an article`,
    );
  }

  const fields = chooseFields({
    ...(metadata === undefined ? {} : { page: metadata }),
    ...(candidate.item === undefined ? {} : { item: candidate.item }),
    ...(candidate.feedTitle === undefined ? {} : { feedTitle: candidate.feedTitle }),
    ...(candidate.outlet === undefined ? {} : { outlet: candidate.outlet }),
    ...(finalUrl === undefined ? {} : { finalUrl }),
  });
  const { title, url } = fields;
  if (title === undefined) return failed('no title stated by the page or the feed');

  const twin = catalog.findUrl([url, finalUrl, candidate.link]) ?? catalog.findText(text);
  if (twin !== undefined) {
    return { ...base, status: 'duplicate', file: twin, title, reason: 'already in the archive' };
  }
  // The folder when no outlet is stated: the site's host name.
  const address = [finalUrl, url, candidate.link].find(
    (value) => value !== undefined && value !== '',
  );
  const host = address === undefined ? 'unknown' : new URL(address).hostname;
  const article: FetchedArticle = { ...fields, title, text, host: host.replace(/^www\./, '') };
  // Claimed before the write (which awaits), so a concurrent twin sees it.
  const claim = `(being written) ${title}`;
  const addresses = [url, finalUrl, candidate.link];
  catalog.record(addresses, text, claim);
  const outcome = await writeArticle(run.options.articlesDir, article);
  catalog.record(addresses, text, outcome.file);
  if (!outcome.written) {
    return {
      ...base,
      status: 'duplicate',
      file: outcome.file,
      title,
      reason: 'already in the archive',
    };
  }
  run.options.log?.info(`added ${outcome.file}`);
  return {
    ...base,
    status: 'added',
    file: outcome.file,
    title,
    ...(remark === undefined ? {} : { reason: remark }),
  };
}

/**
 * The paragraphs of a story's later pages (a story split over several pages), following
 * each page's next-page link up to MAX_ARTICLE_PAGES in all. A later page that fails for a
 * passing reason fails the story (tried again next run, whole); one that is gone or no page
 * ends the story there, and `stopped` says so.
 */
async function laterStoryPages(
  client: HttpClient,
  next: string | undefined,
  firstUrl: string,
): Promise<{ pages: (readonly string[])[]; stopped?: string }> {
  const pages: (readonly string[])[] = [];
  const seen = new Set([firstUrl]);
  while (next !== undefined && !seen.has(next) && pages.length + 1 < MAX_ARTICLE_PAGES) {
    seen.add(next);
    let response;
    try {
      response = await client.get({ url: next, want: 'page' });
    } catch (error) {
      if (error instanceof FetchError && !error.transient) {
        return {
          pages,
          stopped: `page ${pages.length + 2} of the story failed (${error.message}); earlier pages kept`,
        };
      }
      throw error;
    }
    if (response.notModified) break;
    const page = extractPage(response.text, response.url);
    pages.push(page.paragraphs);
    next = page.metadata.nextPage;
  }
  return { pages };
}

function reasonOf(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedFormatError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return String(error);
}

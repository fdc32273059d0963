import { XMLParser } from 'fast-xml-parser';

/**
 * Reads a feed — RSS 2.0 (and RSS 1.0/RDF), Atom, JSON Feed, or an XML sitemap (with Google
 * News tags when present) — into one plain shape. Only
 * what the feed states is kept; nothing is guessed. XML goes through fast-xml-parser (the
 * most used XML parser on npm, maintained, no native code, with limits on entity expansion);
 * JSON Feed is plain JSON.
 */

/** One entry of a feed, as the feed states it. */
export interface FeedItem {
  readonly title?: string;
  /** The article's address (RSS `link`, Atom `link rel=alternate`, JSON Feed `url`). */
  readonly link?: string;
  /** As written in the feed (RFC 822 in RSS, ISO 8601 in Atom and JSON Feed). */
  readonly published?: string;
  readonly author?: string;
  /** Full content as HTML, when the feed carries it (`content:encoded`, Atom `content`). */
  readonly contentHtml?: string;
  /** Stable id (`guid`, Atom `id`, JSON Feed `id`). */
  readonly id?: string;
  /**
   * When the entry last changed (a sitemap's `lastmod`): for reading the newest first only,
   * never written as the article's date.
   */
  readonly updated?: string;
}

export interface Feed {
  /** `sitemap-index`: the items are sitemaps, not articles. */
  readonly format: 'rss' | 'atom' | 'json' | 'sitemap' | 'sitemap-index';
  readonly title?: string;
  readonly items: readonly FeedItem[];
}

/** The document is not a feed we can read; the message says what it is instead. */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Keep values as strings: a title "2025" or a guid "0123" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author', 'dc:creator'].includes(name),
});

/** Parses a feed document. Throws {@link FeedFormatError} when it is not one. */
export function parseFeed(text: string): Feed {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return parseJsonFeed(start);
  if (!start.startsWith('<')) {
    throw new FeedFormatError('not a feed (neither XML nor JSON)');
  }
  let doc: Record<string, unknown>;
  try {
    // `true`: validate first, so broken XML is reported instead of half-read.
    doc = xmlParser.parse(start, true) as Record<string, unknown>;
  } catch (error) {
    throw new FeedFormatError(`malformed XML (${firstLine(error)})`);
  }
  const rss = record(doc['rss']);
  if (rss !== undefined) return parseRss(record(rss['channel']) ?? {}, 'rss');
  const rdf = record(doc['rdf:RDF']);
  if (rdf !== undefined) {
    const channel = record(rdf['channel']) ?? {};
    return parseRss({ ...channel, item: rdf['item'] }, 'rss');
  }
  const atom = record(doc['feed']);
  if (atom !== undefined) return parseAtom(atom);
  const urlset = record(doc['urlset']);
  if (urlset !== undefined) return parseSitemap(urlset);
  const index = record(doc['sitemapindex']);
  if (index !== undefined) return parseSitemapIndex(index);
  if (doc['html'] !== undefined || /^<!doctype html/i.test(start)) {
    throw new FeedFormatError('a web page, not a feed; use `npm run add` for article pages');
  }
  throw new FeedFormatError('XML, but neither RSS, Atom nor a sitemap');
}

function parseRss(channel: Record<string, unknown>, format: 'rss'): Feed {
  const items = list(channel['item']).map((raw): FeedItem => {
    const item = record(raw) ?? {};
    const guid = text(item['guid']);
    const guidIsLink = record(item['guid'])?.['@_isPermaLink'] !== 'false' && isHttp(guid ?? '');
    return compact<FeedItem>({
      title: text(item['title']),
      // An absolute link first; else a relative one (resolved later against the feed's URL).
      link:
        firstHttp(list(item['link']).map(text)) ??
        (guidIsLink ? guid : undefined) ??
        list(item['link'])
          .map(text)
          .find((value) => value !== undefined),
      published: text(item['pubDate']) ?? text(item['dc:date']),
      author: text(list(item['dc:creator'])[0]) ?? text(item['author']),
      contentHtml: text(item['content:encoded']) ?? text(item['description']),
      id: guid,
    });
  });
  return compact<Feed>({ format, title: text(channel['title']), items });
}

function parseAtom(feed: Record<string, unknown>): Feed {
  const items = list(feed['entry']).map((raw): FeedItem => {
    const entry = record(raw) ?? {};
    const links = list(entry['link']).map((link) => record(link) ?? {});
    const alternate =
      links.find((link) => (link['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
    const author = record(list(entry['author'])[0]);
    return compact<FeedItem>({
      title: text(entry['title']),
      link: text(alternate?.['@_href']),
      published: text(entry['published']) ?? text(entry['updated']),
      author: text(author?.['name']),
      contentHtml: text(entry['content']) ?? text(entry['summary']),
      id: text(entry['id']),
    });
  });
  return compact<Feed>({ format: 'atom', title: text(feed['title']), items });
}

/**
 * A sitemap (sitemaps.org): each `url` is a page. Google News sitemaps state the title, the
 * publication date and the publication's name (`news:news`); a plain one only the address and
 * when it last changed, which orders the reading but is not a publication date.
 */
function parseSitemap(urlset: Record<string, unknown>): Feed {
  let outlet: string | undefined;
  const items = list(urlset['url']).map((raw): FeedItem => {
    const entry = record(raw) ?? {};
    const news = record(entry['news:news']) ?? {};
    outlet ??= text(record(news['news:publication'])?.['news:name']);
    return compact<FeedItem>({
      title: text(news['news:title']),
      link: text(entry['loc']),
      published: text(news['news:publication_date']),
      updated: text(entry['lastmod']),
    });
  });
  return compact<Feed>({ format: 'sitemap', title: outlet, items });
}

/** A sitemap index: its items are the sitemaps it lists. */
function parseSitemapIndex(index: Record<string, unknown>): Feed {
  const items = list(index['sitemap']).map((raw) => {
    const entry = record(raw) ?? {};
    return compact<FeedItem>({ link: text(entry['loc']), updated: text(entry['lastmod']) });
  });
  return { format: 'sitemap-index', items };
}

function parseJsonFeed(source: string): Feed {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new FeedFormatError(`malformed JSON (${firstLine(error)})`);
  }
  const feed = record(doc);
  const version = feed?.['version'];
  if (feed === undefined || typeof version !== 'string' || !version.includes('jsonfeed.org')) {
    throw new FeedFormatError('JSON, but not a JSON Feed (no "version": "https://jsonfeed.org/…")');
  }
  const items = list(feed['items']).map((raw): FeedItem => {
    const item = record(raw) ?? {};
    const authors = list(item['authors'] ?? item['author']);
    return compact<FeedItem>({
      title: text(item['title']),
      link: text(item['url']) ?? text(item['external_url']),
      published: text(item['date_published']),
      author: text(record(authors[0])?.['name']),
      contentHtml: text(item['content_html']) ?? escapeText(text(item['content_text'])),
      id: text(item['id']),
    });
  });
  return compact<Feed>({ format: 'json', title: text(feed['title']), items });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element: a string, or the `#text` of an element with attributes. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  const raw = typeof value === 'string' ? value : record(value)?.['#text'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const trimmed = String(raw).trim();
  return trimmed === '' ? undefined : trimmed;
}

function isHttp(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function firstHttp(values: readonly (string | undefined)[]): string | undefined {
  return values.find((value): value is string => value !== undefined && isHttp(value));
}

function escapeText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
}

/** Drops undefined fields, so "absent" stays absent under exactOptionalPropertyTypes. */
function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

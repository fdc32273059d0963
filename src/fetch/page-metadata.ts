import { datelinePublished } from './dateline.js';
import { nextStoryPage } from './article-pages.js';

/**
 * What a page states about itself: JSON-LD (schema.org NewsArticle and kin), OpenGraph and
 * `article:` meta tags, `<link rel="canonical">`. Read from the DOM before extraction changes
 * it. Each source is kept apart, so the caller can apply the precedence the issue fixes;
 * nothing is guessed, a field no source states stays absent.
 */

export interface StatedFields {
  readonly title?: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly author?: string;
  readonly url?: string;
}

export interface PageMetadata {
  /** From the first JSON-LD object of an article type (NewsArticle preferred). */
  readonly jsonLd: StatedFields;
  /** From OpenGraph (`og:`), `article:` and `name="author"` meta tags. */
  readonly meta: StatedFields;
  /** `<link rel="canonical" href>`, resolved against the page address. */
  readonly canonical?: string;
  /** The document's `<title>`, the last resort for a title. */
  readonly documentTitle?: string;
  /**
   * Headlines stated apart from the title fields (`<h1>` texts; extraction adds Readability's
   * title), for telling a headline from the site name around it. Absent when none.
   */
  readonly headlines?: readonly string[];
  /** Feeds the page links (`<link rel="alternate">` of a feed type), absolute, in page order. */
  readonly feeds: readonly string[];
  /** The next page of a story split over several pages (article-pages.ts). */
  readonly nextPage?: string;
  /**
   * The site's name where the page states it only in its markup (no `og:site_name`, no
   * JSON-LD publisher): `application-name`, a theme's site title, or its feed's link title
   * ("Ashcombe Courier » Feed"). The outlet of last resort.
   */
  readonly siteName?: string;
  /** The page says it is an article (JSON-LD of an article type, or `og:type` article). */
  readonly statesArticle: boolean;
  /**
   * The page lists stories rather than telling one: it does not state it is an article, says
   * `og:type` website (as WordPress SEO plugins do on front and archive pages), and links at
   * least MIN_TEASERS story headlines. Both signs are needed: some sites tag every page
   * "website", and an article's related-stories box links a few headlines too.
   */
  readonly listsStories?: true;
}

/**
 * schema.org types whose object describes the article itself, most specific first: the news
 * and blog types Readability recognises (its JSON-LD reader lists the same family), so a live
 * blog's `LiveBlogPosting` or an `OpinionNewsArticle` states its headline and date as a
 * `NewsArticle` does. (Without them, a live blog fell back on its `og:title`,
 * "… - updates".)
 */
const ARTICLE_TYPES = [
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'SatiricalArticle',
  'LiveBlogPosting',
  'Article',
  'BlogPosting',
  'SocialMediaPosting',
  'Report',
];

/** Reads the metadata of `document` (a parsed page at `pageUrl`). */
export function readPageMetadata(document: Document, pageUrl: string): PageMetadata {
  const canonicalHref = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const canonical = absoluteHttp(canonicalHref, pageUrl);
  const documentTitle = clean(document.querySelector('title')?.textContent);
  const jsonLd = readJsonLd(document, pageUrl);
  const headlines = [...document.querySelectorAll('h1')]
    .map((heading) => clean(heading.textContent))
    .filter((text): text is string => text !== undefined);
  const nextPage = nextStoryPage(document, pageUrl);
  const siteName = statedSiteName(document);
  const ogType = ogTypeOf(document);
  const statesArticle = Object.keys(jsonLd).length > 0 || ogType === 'article';
  const listsStories =
    !statesArticle &&
    ogType === 'website' &&
    new Set([...document.querySelectorAll(TEASER_LINKS)].map((link) => link.getAttribute('href')))
      .size >= MIN_TEASERS;
  return {
    jsonLd,
    meta: readMeta(document, pageUrl),
    ...(canonical === undefined ? {} : { canonical }),
    ...(documentTitle === undefined ? {} : { documentTitle }),
    ...(headlines.length === 0 ? {} : { headlines }),
    feeds: feedLinks(document, pageUrl),
    ...(siteName === undefined ? {} : { siteName }),
    ...(nextPage === undefined ? {} : { nextPage }),
    statesArticle,
    ...(listsStories ? { listsStories } : {}),
  };
}

/** Longest site name taken from markup: a longer "site title" is a tagline or a sentence. */
const MAX_SITE_NAME = 80;

/**
 * The site name a page states in its markup: `<meta name="application-name">`, the site title
 * of WordPress themes (block themes' `.wp-block-site-title`, classic themes' `.site-title`),
 * or the title of the site feed's link, which WordPress writes "Site » Feed".
 */
function statedSiteName(document: Document): string | undefined {
  const candidates = [
    document.querySelector('meta[name="application-name" i]')?.getAttribute('content'),
    document.querySelector('.wp-block-site-title, .site-title')?.textContent,
    ...[...document.querySelectorAll('link[rel~="alternate" i][title]')].map(
      (link) =>
        /^(.+?)\s+(?:»|›|-|–|—|\|)\s+(?:RSS\s+)?Feed$/iu.exec(
          link.getAttribute('title') ?? '',
        )?.[1],
    ),
  ];
  for (const candidate of candidates) {
    const name = clean(candidate);
    if (name !== undefined && name.length <= MAX_SITE_NAME) return name;
  }
  return undefined;
}

/** The page's `og:type`, trimmed and in lower case. */
function ogTypeOf(document: Document): string | undefined {
  return document
    .querySelector('meta[property="og:type" i]')
    ?.getAttribute('content')
    ?.trim()
    .toLowerCase();
}

/** Headline links of story teasers on a listing (WordPress classic and block themes, hAtom). */
const TEASER_LINKS = [
  '.entry-title a[href]',
  '.wp-block-post-title a[href]',
  'a[rel~="bookmark"][href]',
].join(',');
/** Teasers that make a listing: a related-stories box under an article links two or three. */
const MIN_TEASERS = 4;

/** Link types that announce a feed (RSS and Atom autodiscovery, JSON Feed). */
const FEED_LINK_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
];

/** The feeds `document` links with `<link rel="alternate" type=… href=…>`, absolute. */
export function feedLinks(document: Document, pageUrl: string): string[] {
  const found: string[] = [];
  for (const link of document.querySelectorAll('link[rel~="alternate" i][href]')) {
    const type = (link.getAttribute('type') ?? '').trim().toLowerCase();
    if (!FEED_LINK_TYPES.includes(type)) continue;
    const href = absoluteHttp(link.getAttribute('href'), pageUrl);
    if (href !== undefined && !found.includes(href)) found.push(href);
  }
  return found;
}

/**
 * The meta tags that state a publication date, OpenGraph's first, then those of news CMSs and
 * analytics tags (Parse.ly, Sailthru, Dublin Core) and the old `pubdate` / `date` names. None
 * of them is a modified date.
 */
const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'pubdate',
  'publishdate',
  'publish-date',
  'date',
];

function readMeta(document: Document, pageUrl: string): StatedFields {
  const values = new Map<string, string>();
  for (const element of document.querySelectorAll('meta')) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? '')
      .trim()
      .toLowerCase();
    const content = clean(element.getAttribute('content'));
    if (key !== '' && content !== undefined && !values.has(key)) values.set(key, content);
  }
  // article:author is often a profile URL rather than a name; a URL is not a byline.
  const author = [values.get('article:author'), values.get('author')].find(
    (value) => value !== undefined && !/^https?:\/\//i.test(value),
  );
  return fields({
    title: values.get('og:title'),
    published:
      PUBLISHED_META.map((name) => values.get(name)).find((value) => value !== undefined) ??
      markedPublished(document) ??
      datelinePublished(document),
    outlet: values.get('og:site_name'),
    author,
    url: absoluteHttp(values.get('og:url'), pageUrl),
  });
}

/**
 * Where a page without meta tags marks its publication date in the markup: schema.org
 * microdata (`itemprop="datePublished"`), microformats (hAtom's `published`, h-entry's
 * `dt-published`), and WordPress themes' post date (classic: `time.entry-date.published`;
 * block themes: `.wp-block-post-date time`, unless that block is set to show the date of the
 * last change). A WordPress site without an SEO plugin states its date only so. Never a
 * `time.updated` or a modified date.
 */
const PUBLISHED_MARKUP = [
  '[itemprop="datePublished"]',
  'time.published',
  'time.dt-published',
  '.wp-block-post-date:not(.wp-block-post-date__modified-date) time',
].join(',');

/** The publication date the markup states (its `datetime` or `content`), if any. */
function markedPublished(document: Document): string | undefined {
  for (const element of document.querySelectorAll(PUBLISHED_MARKUP)) {
    const value = clean(element.getAttribute('datetime') ?? element.getAttribute('content'));
    if (value !== undefined) return value;
  }
  return undefined;
}

function readJsonLd(document: Document, pageUrl: string): StatedFields {
  const nodes: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      // Broken JSON-LD is common (trailing commas, raw newlines); the page still has other
      // metadata, so a block that does not parse is passed over.
      continue;
    }
    collect(parsed, nodes);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const node of nodes) {
    if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  }
  const resolve = (value: unknown): unknown => {
    const ref = asRecord(value);
    if (ref !== undefined && typeof ref['@id'] === 'string' && Object.keys(ref).length === 1) {
      return byId.get(ref['@id']) ?? value;
    }
    return value;
  };
  const rank = (node: Record<string, unknown>) => {
    const types = [node['@type']].flat().filter((t): t is string => typeof t === 'string');
    const ranks = types.map((t) => ARTICLE_TYPES.indexOf(t)).filter((r) => r >= 0);
    return ranks.length === 0 ? -1 : Math.min(...ranks);
  };
  const article = nodes.filter((node) => rank(node) >= 0).sort((a, b) => rank(a) - rank(b))[0];
  if (article === undefined) return {};
  const publisher = asRecord(resolve(article['publisher']));
  const textOf = (value: unknown) => clean(withoutMarkup(document, asText(value)));
  const authors = [resolve(article['author'])]
    .flat()
    .map((entry) => {
      const resolved = resolve(entry);
      return typeof resolved === 'string' ? textOf(resolved) : textOf(asRecord(resolved)?.['name']);
    })
    .filter((name): name is string => name !== undefined);
  return fields({
    title: textOf(article['headline']),
    published: clean(asText(article['datePublished'])),
    outlet: textOf(publisher?.['name']),
    author: authors.length === 0 ? undefined : [...new Set(authors)].join(', '),
    url: absoluteHttp(asText(article['url']), pageUrl),
  });
}

/**
 * The text of a JSON-LD string written as HTML: many WordPress plugins escape headlines and
 * names for HTML before putting them in JSON ("St Aidan&#039;s", "Smith &amp; Sons"), and
 * some keep inline tags. Read as an inert template's text, as a browser would show it
 * (Readability unescapes its JSON-LD fields too).
 */
function withoutMarkup(document: Document, value: string | undefined): string | undefined {
  if (value === undefined || !/[&<]/.test(value)) return value;
  const template = document.createElement('template');
  template.innerHTML = value;
  return template.content.textContent ?? undefined;
}

/** Flattens JSON-LD: arrays and `@graph` lists into one list of objects. */
function collect(value: unknown, into: Record<string, unknown>[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const entry of value) collect(entry, into, depth + 1);
    return;
  }
  const node = asRecord(value);
  if (node === undefined) return;
  into.push(node);
  if (node['@graph'] !== undefined) collect(node['@graph'], into, depth + 1);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  if (Array.isArray(value)) return asText(value[0]);
  return typeof value === 'string' ? value : undefined;
}

function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function absoluteHttp(value: string | null | undefined, base: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function fields(value: { [K in keyof StatedFields]: string | undefined }): StatedFields {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as StatedFields;
}

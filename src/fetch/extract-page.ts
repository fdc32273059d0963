import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { htmlToParagraphs, markupNestingDepth, MAX_MARKUP_NESTING } from './html-paragraphs.js';
import { FetchError } from './http-client.js';
import { feedLinks, readPageMetadata, type PageMetadata } from './page-metadata.js';

/**
 * The reading of one article page: its metadata, as stated, and its main text as
 * paragraphs. Main-text extraction is Mozilla's Readability (Firefox Reader View) on jsdom —
 * the DOM Readability's own tests run on; linkedom, the faster alternative, has open
 * incompatibilities with it (rewritten hrefs, SVG class names: mozilla/readability#980, #742).
 */

export interface ExtractedPage {
  readonly metadata: PageMetadata;
  /** Main-text paragraphs, uncleaned; empty when the page has no article text. */
  readonly paragraphs: readonly string[];
}

/**
 * Page furniture removed before Readability runs: Readability scores blocks by text density,
 * and a long comment thread or a related-links box can outscore (or join) the story. These
 * are the container names of WordPress core and its common plugins (Jetpack sharing and
 * related posts, wpDiscuz) and of news-site templates.
 */
const FURNITURE_SELECTORS = [
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'nav',
  'aside',
  'footer',
  '[role="navigation"]',
  '[role="complementary"]',
  '[aria-hidden="true"]',
  '#comments',
  '#respond',
  '.comments-area',
  '.comment-respond',
  '.comment-list',
  '#wpdiscuz',
  '.sharedaddy',
  '.sd-sharing-enabled',
  '.jp-relatedposts',
  '#jp-relatedposts',
  '.related-posts',
  '.yarpp-related',
  '.crp_related',
  '.post-navigation',
  // A story's page list ("Pages: 1 2 Next page"); the next page is read from it beforehand.
  '.page-links',
  '.nav-links',
  '.author-box',
  '.author-info',
  '.author-bio',
  '.about-author',
  '.newsletter-signup',
  '[class*="share-buttons"]',
  '[class*="social-share"]',
  // Links for screen readers ("Skip to content") and WordPress's visually hidden labels.
  '.skip-link',
  '.screen-reader-text',
  // Tag lists ("Tagged council tax, libraries"; a theme's "TAGS" box).
  '.tags-links',
  '.tag-links',
  '.post-tags',
  '.entry-tags',
  '.td-post-source-tags',
  // A pull quote repeats the story's own sentence; an embedded post is someone else's words
  // with the embed's furniture ("— Club FC (@club) September 12, 2025").
  '.pullquote',
  '.pull-quote',
  '.wp-block-pullquote',
  '.td_pull_quote',
  '.twitter-tweet',
  '.instagram-media',
  '.tiktok-embed',
  '.fb-post',
].join(',');

/**
 * Furniture found by a part of its class or id: cookie and consent banners and newsletter
 * boxes go by many plugin names ("cn-cookie-notice", "cmplz-cookiebanner",
 * "newsletter-box"). A page may also name a wrapper so ("has-newsletter"), so an element
 * holding more than MAX_FURNITURE_SHARE of the page's text is left for Readability to judge.
 */
const FURNITURE_NAME_PARTS = [
  '[class*="cookie" i]',
  '[id*="cookie" i]',
  '[class*="consent" i]',
  '[class*="newsletter" i]',
  '[id*="newsletter" i]',
].join(',');
const MAX_FURNITURE_SHARE = 0.25;

/** The start tag of a script or a style sheet: its name and its attributes. */
const INERT_START = /<(script|style)\b([^<>]*)>/gi;

/**
 * `html` without its scripts (except JSON-LD, which carries metadata) and style sheets, cut
 * out before jsdom parses it: jsdom builds a CSS object model of every style sheet, and on a
 * news page with 400 KB of inline CSS and JS that took 330 of 380 ms per page; without them,
 * 68 ms (measured on the council fixture padded to 437 KB). A script or style element ends at
 * the first `</script>` or `</style>`, as in the HTML tokenizer; one that never ends runs to
 * the end of the page, which is then left to jsdom as it is. Each part of the page is read
 * once: as one pattern, every unclosed `<script>` searched to the end of the page again, and a
 * page of 10 MB of them would have blocked the bot for half an hour.
 */
export function withoutInertBlocks(html: string): string {
  const start = new RegExp(INERT_START);
  const kept: string[] = [];
  let copied = 0;
  for (let open = start.exec(html); open !== null; open = start.exec(html)) {
    if (/application\/ld\+json/i.test(open[2]!)) continue;
    const end = new RegExp(`</${open[1]!}\\s*>`, 'gi');
    end.lastIndex = start.lastIndex;
    if (end.exec(html) === null) break;
    kept.push(html.slice(copied, open.index));
    copied = end.lastIndex;
    start.lastIndex = end.lastIndex;
  }
  kept.push(html.slice(copied));
  return kept.join('');
}

/**
 * Elements read of a page, in document order. Readability's time grows faster than the
 * element count, and extraction blocks whatever process runs it (the bot's, while it polls
 * feeds): a page of 5,000 / 10,000 / 20,000 elements took 1.3 / 2.9 / 7.7 s here, and one of
 * 2 MB of bare `<p>` over a minute. A news story page holds a few thousand once its scripts
 * and styles are out, so 8,000 (about 2 s) keeps every story whole; a longer page (a live
 * blog of hundreds of entries) is read from its start — headline, lede and newest entries —
 * rather than refused.
 */
export const MAX_ELEMENTS = 8_000;

/** `markup` cut before its element number MAX_ELEMENTS + 1 (a start tag), in one pass. */
export function withinElementBudget(markup: string, maxElements = MAX_ELEMENTS): string {
  const tag = /<[a-z]/gi;
  let count = 0;
  for (let open = tag.exec(markup); open !== null; open = tag.exec(markup)) {
    if (++count > maxElements) return markup.slice(0, open.index);
  }
  return markup;
}

/**
 * Deepest element nesting read. Readability's time grows with the square of the depth: a page
 * of 500 / 700 / 1,000 / 2,000 nested elements took 2.4 / 5.4 / 16 / 112 s, all of it blocking
 * (5,000 overflowed the stack), while news pages nest a few dozen deep. At 200 the worst case
 * is about half a second.
 */
const MAX_NESTING = 200;

/** The refusal of a page nested `depth` deep: the same words whichever check found it. */
function nestedTooDeep(url: string, depth: number): FetchError {
  return new FetchError(
    url,
    `the page nests its elements ${depth} deep (at most ${MAX_NESTING} are read): not an article page`,
  );
}

/** The deepest element nesting of `document`, in one pass (parents come before children). */
function nestingDepth(document: Document): number {
  const depths = new Map<Element, number>();
  let deepest = 0;
  for (const element of document.querySelectorAll('*')) {
    const parent = element.parentElement;
    const depth = (parent === null ? 0 : (depths.get(parent) ?? 0)) + 1;
    depths.set(element, depth);
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * The feeds a web page links in its head (feed autodiscovery): for a feeds-file entry that is
 * a site's address rather than its feed. Only the head is parsed, without scripts and styles.
 */
export function discoverFeeds(html: string, url: string): string[] {
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = withoutInertBlocks(
    headEnd < 0 ? html.slice(0, MAX_HEAD_CHARS) : html.slice(0, headEnd),
  );
  if (markupNestingDepth(head) > MAX_MARKUP_NESTING) return [];
  const dom = new JSDOM(head, { url, virtualConsole: new VirtualConsole() });
  try {
    return feedLinks(dom.window.document, url);
  } finally {
    dom.window.close();
  }
}

/** How much of a page without a recognisable head is searched for feed links. */
const MAX_HEAD_CHARS = 256 * 1024;

/**
 * Parses `html` fetched from `url` and extracts metadata and text. Throws a FetchError for a
 * page nested too deep to read in reasonable time (MAX_NESTING). Page scripts never run
 * (jsdom's default) and no sub-resource is loaded.
 */
export function extractPage(html: string, url: string): ExtractedPage {
  // jsdom reports CSS it cannot parse to the console; page CSS is none of our business.
  const virtualConsole = new VirtualConsole();
  const markup = withinElementBudget(withoutInertBlocks(html));
  const markupDepth = markupNestingDepth(markup);
  if (markupDepth > MAX_MARKUP_NESTING) throw nestedTooDeep(url, markupDepth);
  const dom = new JSDOM(markup, { url, virtualConsole });
  try {
    const document = dom.window.document;
    const metadata = readPageMetadata(document, url);
    for (const element of document.querySelectorAll(FURNITURE_SELECTORS)) element.remove();
    const pageText = document.body?.textContent?.length ?? 0;
    for (const element of document.querySelectorAll(FURNITURE_NAME_PARTS)) {
      if ((element.textContent?.length ?? 0) <= pageText * MAX_FURNITURE_SHARE) element.remove();
    }
    const depth = nestingDepth(document);
    if (depth > MAX_NESTING) throw nestedTooDeep(url, depth);
    const article = new Readability(document, { keepClasses: false }).parse();
    const paragraphs = article?.content ? htmlToParagraphs(article.content) : [];
    // Readability's title: the headline its heuristics find in <title> when the page has no
    // title tag of its own ("Site :: Section :: Headline" on an old CMS without an <h1>).
    const readable = article?.title?.replace(/\s+/g, ' ').trim();
    const stated = [metadata.jsonLd.title, metadata.meta.title, metadata.documentTitle];
    if (readable === undefined || readable === '' || stated.includes(readable)) {
      return { metadata, paragraphs };
    }
    const headlines = [...(metadata.headlines ?? []), readable];
    return { metadata: { ...metadata, headlines }, paragraphs };
  } finally {
    dom.window.close();
  }
}

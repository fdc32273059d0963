import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { htmlToParagraphs } from './html-paragraphs.js';
import { readPageMetadata, type PageMetadata } from './page-metadata.js';

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
  '.nav-links',
  '.author-box',
  '.newsletter-signup',
  '[class*="share-buttons"]',
  '[class*="social-share"]',
].join(',');

/**
 * Parses `html` fetched from `url` and extracts metadata and text. Page scripts never run
 * (jsdom's default) and no sub-resource is loaded.
 */
export function extractPage(html: string, url: string): ExtractedPage {
  // jsdom reports CSS it cannot parse to the console; page CSS is none of our business.
  const virtualConsole = new VirtualConsole();
  const dom = new JSDOM(html, { url, virtualConsole });
  try {
    const document = dom.window.document;
    const metadata = readPageMetadata(document, url);
    for (const element of document.querySelectorAll(FURNITURE_SELECTORS)) element.remove();
    const article = new Readability(document, { keepClasses: false }).parse();
    const paragraphs = article?.content ? htmlToParagraphs(article.content) : [];
    return { metadata, paragraphs };
  } finally {
    dom.window.close();
  }
}

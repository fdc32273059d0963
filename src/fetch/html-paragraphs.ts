import { JSDOM } from 'jsdom';

/**
 * Turns article HTML (Readability's output, or a feed's `content:encoded`) into paragraphs of
 * plain text, one per block element, words exactly as the page has them: inline markup
 * (links, emphasis) dissolves into its text, white space runs collapse to one space, `<br>`
 * starts a new line. Figures (images and their captions) and embedded media are left out.
 */

const BLOCK_LEAVES = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'PRE',
  'DT',
  'DD',
  'TD',
  'TH',
  'CAPTION',
]);
const SKIPPED = new Set([
  'FIGURE',
  'FIGCAPTION',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'SVG',
  'BUTTON',
  'FORM',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'OBJECT',
  'EMBED',
  'TEMPLATE',
]);
const BLOCKS = new Set([
  ...BLOCK_LEAVES,
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'UL',
  'OL',
  'DL',
  'BLOCKQUOTE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'HR',
  'BODY',
]);

/**
 * Paragraph texts of an HTML fragment, in document order; empty ones dropped. Markup nested
 * deeper than MAX_MARKUP_NESTING has none (a hostile feed item would block for seconds).
 */
export function htmlToParagraphs(html: string): string[] {
  if (markupNestingDepth(html) > MAX_MARKUP_NESTING) return [];
  const fragment = JSDOM.fragment(html);
  const paragraphs: string[] = [];
  let inline = '';
  const flush = () => {
    for (const line of inline.split('\n')) {
      const text = line.replace(/[ \t\r\f\v\u00A0]+/g, ' ').trim();
      if (text !== '') paragraphs.push(text);
    }
    inline = '';
  };
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        inline += (child.nodeValue ?? '').replace(/\n/g, ' ');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = (child as Element).tagName.toUpperCase();
      if (SKIPPED.has(tag)) continue;
      if (tag === 'BR') {
        inline += '\n';
        continue;
      }
      if (BLOCKS.has(tag)) {
        flush();
        walk(child);
        flush();
      } else {
        walk(child);
      }
    }
  };
  walk(fragment);
  flush();
  return paragraphs;
}

/**
 * Deepest nesting markup may show before jsdom parses it: parsing is itself quadratic in depth
 * (5,000 nested elements took 4 s, and closing that window overflowed the stack), so absurd
 * pages and feed items are refused from their text. 1,000 parses in about 0.3 s.
 */
export const MAX_MARKUP_NESTING = 1_000;

/** Elements with no end tag, or whose end tag may be left out: they never count as nesting. */
const NOT_NESTING = new Set(
  `area base br col embed hr img input link meta source track wbr param keygen p li dt dd tr td
  th option optgroup tbody thead tfoot colgroup caption rb rt rp html head body`.split(/\s+/),
);
/**
 * A tag. It ends before the next "<" as well as at ">": tried to the next ">" only, every
 * "<a" of a page without one was searched to its end again (a page of 80 kB of "<a" took
 * 0.9 s, 10 MB would take hours). A "<" inside a quoted attribute value may then count an
 * extra element, which only raises the estimate.
 */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(\/?)>/g;

/** Nesting depth of the markup's elements, counted from its tags (an upper estimate). */
export function markupNestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, name, selfClosing] of html.matchAll(TAG)) {
    if (NOT_NESTING.has(name!.toLowerCase()) || selfClosing === '/') continue;
    if (closing === '/') depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
  }
  return deepest;
}

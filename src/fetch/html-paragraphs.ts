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

/** Paragraph texts of an HTML fragment, in document order; empty ones dropped. */
export function htmlToParagraphs(html: string): string[] {
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

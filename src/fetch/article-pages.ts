/**
 * Stories split over several pages (WordPress's `<!--nextpage-->`: /story/, /story/2/, …;
 * other CMSs' ?page=2): the next page's address, when the page names one that continues the
 * same story. Without it, a paginated story was archived as its first page only. Pure.
 */

/**
 * Pages read per story, the first included: long-reads run to three or four pages; a "next"
 * chain longer than this is more likely a listing than an article.
 */
export const MAX_ARTICLE_PAGES = 5;

/** Link texts of a "next page" link in a story's page list ("Pages: 1 2 Next page"). */
const NEXT_TEXT = /^(next( page)?|continue( reading)? on (the )?next page)\s*[›»→>]*$/i;

/**
 * The next page of the story at `pageUrl`: `<link rel="next">` in the head, else a "Next
 * page" link in WordPress's page list (`.page-links`) — only when it continues the same
 * story (see continuesStory). Undefined when there is none.
 */
export function nextStoryPage(document: Document, pageUrl: string): string | undefined {
  const candidates = [
    document.querySelector('link[rel~="next" i][href]')?.getAttribute('href'),
    ...[...document.querySelectorAll('.page-links a[href], a.post-page-numbers[href]')]
      .filter((link) => NEXT_TEXT.test((link.textContent ?? '').replace(/\s+/g, ' ').trim()))
      .map((link) => link.getAttribute('href')),
  ];
  for (const href of candidates) {
    if (href === null || href === undefined) continue;
    let next: URL;
    try {
      next = new URL(href.trim(), pageUrl);
    } catch {
      continue;
    }
    if (continuesStory(next, new URL(pageUrl))) return next.href;
  }
  return undefined;
}

/**
 * A next page continues the story when it stays on the same site and under the story's own
 * address: /story/2/ after /story/ (or /story/2/ itself), or the same path with another
 * query (?page=2). A listing's "next" (/page/2/, /category/news/page/2/) leaves the story's
 * path and is not followed.
 */
function continuesStory(next: URL, current: URL): boolean {
  if (next.origin !== current.origin || next.href === current.href) return false;
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return false;
  const story = current.pathname.replace(/\/\d+\/?$/, '/').replace(/\/?$/, '/');
  const nextPath = next.pathname.replace(/\/?$/, '/');
  if (nextPath === story) return next.search !== current.search;
  return nextPath.startsWith(story) && /^\d+\/$/.test(nextPath.slice(story.length));
}

/**
 * The BBC headline→article set, generated at eval time from the corpus itself: each sampled
 * article's title is asked as a question, and the article must come back (titles are not
 * indexed for this task, so the headline must be matched against the body).
 *
 * The rule, so that anyone can rebuild the same set:
 * - articles are grouped by category (the id's folder: `business/001` → `business`) and each
 *   category, sorted by id, is sampled at an even stride: `perCategory` articles from each
 *   (64 × 5 categories = 320 queries on the BBC corpus);
 * - the half of a query is `hashHalf(article id)` (FNV-1a of the id, even → tune);
 * - the answer is right when it shows the article, or another article with the very same
 *   title (the corpus holds a few stories twice under two ids).
 */
import { hashHalf, type Half } from './split.js';

export interface HeadlineQuery {
  /** The title, asked as it is. */
  readonly question: string;
  readonly articleId: string;
  /** Article ids that count as right: the article and any with the same title. */
  readonly accepted: readonly string[];
  /** The article's category. */
  readonly style: string;
  readonly half: Half;
}

/** Default number of headline queries per category. */
export const HEADLINES_PER_CATEGORY = 64;

export function categoryOf(id: string): string {
  const slash = id.indexOf('/');
  return slash === -1 ? '(root)' : id.slice(0, slash);
}

const titleKey = (title: string) => title.trim().toLowerCase();

export function sampleHeadlines(
  articles: Iterable<{ readonly id: string; readonly title: string }>,
  perCategory = HEADLINES_PER_CATEGORY,
): HeadlineQuery[] {
  const all = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byTitle = new Map<string, string[]>();
  for (const article of all) {
    const key = titleKey(article.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), article.id]);
  }
  const categories = [...new Set(all.map((a) => categoryOf(a.id)))].sort();
  const queries: HeadlineQuery[] = [];
  for (const category of categories) {
    const members = all.filter((a) => categoryOf(a.id) === category);
    const step = Math.max(1, members.length / perCategory);
    for (let i = 0; i < perCategory && Math.floor(i * step) < members.length; i++) {
      const article = members[Math.floor(i * step)]!;
      queries.push({
        question: article.title.trim(),
        articleId: article.id,
        accepted: byTitle.get(titleKey(article.title))!,
        style: category,
        half: hashHalf(article.id),
      });
    }
  }
  return queries;
}

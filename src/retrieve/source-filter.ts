import { UserError } from '../errors.js';
import type { ArticleSource } from '../ingest/article.js';

/**
 * Resolves a source filter to article ids: an article id, or an outlet named case-
 * insensitively. Unknown names are a user error (not an empty answer), because "the coverage
 * doesn't say" would be a misleading reply to a typo.
 */
export function resolveSource(
  articles: Iterable<ArticleSource>,
  source: string,
): ReadonlySet<string> {
  const wanted = source.trim().toLowerCase();
  const all = [...articles];
  const byId = all.filter((article) => article.id.toLowerCase() === wanted);
  const matches =
    byId.length > 0 ? byId : all.filter((article) => article.outlet?.toLowerCase() === wanted);
  if (matches.length === 0) {
    throw new UserError(
      `No article or outlet is called "${source.trim()}". ` +
        'Use an article id or an outlet name as listed by /sources (or `npm run ask -- --sources`).',
    );
  }
  return new Set(matches.map((article) => article.id));
}

/** Distinct outlet names, sorted. */
export function outletsOf(articles: Iterable<ArticleSource>): string[] {
  const names = new Set<string>();
  for (const article of articles) if (article.outlet !== undefined) names.add(article.outlet);
  return [...names].sort((a, b) => a.localeCompare(b));
}

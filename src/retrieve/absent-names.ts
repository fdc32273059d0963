import { DISTINCTIVE_NAME_SHARE } from './gate-evidence.js';
import { termFound, YEAR, type QueryTerms, type TermStats } from './term-overlap.js';

/**
 * A question that gives a distinctive name (in at most DISTINCTIVE_NAME_SHARE of the passages:
 * "Dougie Walker", "Gallas") is about an article that names it. When some candidate's article
 * (its title and text, as `articleText` gives them) names every such name of the question, a
 * candidate whose article lacks some loses that share (by IDF weight) of its relevance, times
 * `weight`: another athlete's doping ban answers no question about Dougie Walker's. Years are
 * left to the gate (gate-evidence.ts), which reads them with the article's date.
 */
export function withoutAbsentNames<
  C extends { readonly articleId: string; readonly relevance: number },
>(
  candidates: readonly C[],
  stats: TermStats,
  query: QueryTerms,
  articleText: (articleId: string) => string,
  weight: number,
): C[] {
  const distinctive = DISTINCTIVE_NAME_SHARE * stats.documentCount;
  const weightOf = (term: string) => query.weights.get(term) ?? 0;
  const names = [...query.names].filter((term) => {
    const frequency = stats.documentFrequency(term);
    return frequency > 0 && frequency <= distinctive && !YEAR.test(term) && weightOf(term) > 0;
  });
  if (weight <= 0 || names.length === 0) return [...candidates];
  const mass = names.reduce((sum, term) => sum + weightOf(term), 0);
  const absent = new Map<string, number>();
  const absentShare = (articleId: string) => {
    let share = absent.get(articleId);
    if (share === undefined) {
      const present = new Set(stats.terms(articleText(articleId)));
      const missing = names.filter((term) => termFound(query, term, present) === 0);
      share = missing.reduce((sum, term) => sum + weightOf(term), 0) / mass;
      absent.set(articleId, share);
    }
    return share;
  };
  if (!candidates.some((c) => absentShare(c.articleId) === 0)) return [...candidates];
  return candidates.map((c) => ({
    ...c,
    relevance: c.relevance * (1 - weight * absentShare(c.articleId)),
  }));
}

import { DISTINCTIVE_NAME_SHARE } from './gate-evidence.js';
import { termFound, YEAR, type QueryTerms, type TermStats } from './term-overlap.js';

/**
 * A question that gives a distinctive name (in at most DISTINCTIVE_NAME_SHARE of the passages:
 * "Dougie Walker", "Gallas") is about an article that names it. When some candidate's article
 * (its title and text, as `articleText` gives them) names every such name of the question, a
 * candidate whose article lacks some loses that share (by IDF weight) of its relevance, times
 * `weight`: another athlete's doping ban answers no question about Dougie Walker's. Years are
 * left to the gate (gate-evidence.ts), which reads them with the article's date.
 *
 * The question's rare words (in at most `rareWordShare` of the passages, not capitalised) are
 * read the same way, as a second group: a story the coverage follows over several articles
 * ("German unemployment rose for the 11th consecutive month…") is told apart by the detail
 * only one of them gives ("a tenth month", "4.464 million"). Each group counts only when
 * some candidate's article has all of it, so a rare word no article shares changes nothing.
 */
export function withoutAbsentNames<
  C extends { readonly articleId: string; readonly relevance: number },
>(
  candidates: readonly C[],
  stats: TermStats,
  query: QueryTerms,
  articleText: (articleId: string) => string,
  weight: number,
  rareWordShare = 0,
): C[] {
  if (weight <= 0) return [...candidates];
  const weightOf = (term: string) => query.weights.get(term) ?? 0;
  const distinctive = (term: string, share: number) => {
    const frequency = stats.documentFrequency(term);
    return (
      frequency > 0 &&
      frequency <= share * stats.documentCount &&
      !YEAR.test(term) &&
      weightOf(term) > 0
    );
  };
  const terms = [...query.weights.keys()];
  const groups = [
    terms.filter((term) => query.names.has(term) && distinctive(term, DISTINCTIVE_NAME_SHARE)),
    terms.filter((term) => !query.names.has(term) && distinctive(term, rareWordShare)),
  ].filter((group) => group.length > 0);
  if (groups.length === 0) return [...candidates];

  // Each article's terms are analysed once, for both groups, and once for all its copies (one
  // wire story run by several outlets; BBC×10 in the benchmark), found by their text.
  const byText = new Map<string, Set<string>>();
  const present = new Map<string, Set<string>>();
  for (const { articleId } of candidates) {
    if (present.has(articleId)) continue;
    const text = articleText(articleId);
    let found = byText.get(text);
    if (found === undefined) byText.set(text, (found = new Set(stats.terms(text))));
    present.set(articleId, found);
  }
  let scored = [...candidates];
  for (const group of groups) {
    const mass = group.reduce((sum, term) => sum + weightOf(term), 0);
    const shares = new Map<string, number>();
    for (const [articleId, found] of present) {
      const missing = group.filter((term) => termFound(query, term, found) === 0);
      shares.set(articleId, missing.reduce((sum, term) => sum + weightOf(term), 0) / mass);
    }
    if (![...shares.values()].includes(0)) continue;
    scored = scored.map((c) => ({
      ...c,
      relevance: c.relevance * (1 - weight * shares.get(c.articleId)!),
    }));
  }
  return scored;
}

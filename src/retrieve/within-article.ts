import { termFound, type QueryTerms, type TermStats } from './term-overlap.js';

/**
 * How well each sentence of one article answers the question, judged within that article: a
 * question term the article writes in many of its sentences is what the article is about
 * (the story the question recalls), and one it writes in a single sentence is the detail the
 * question asks for. "How many children are in the cast of the Billy Elliot musical directed
 * by Stephen Daldry?" recalls the story with "Billy Elliot", "musical" and "Daldry", which the
 * opening holds; "children" and "cast" point at the sentence giving the number.
 *
 * Each question term weighs its IDF in the coverage times log(1 + S / s), where S is the
 * article's sentence count and s how many of them hold the term; a sentence scores the share
 * of that mass it holds (0–1). Terms the article lacks weigh nothing.
 */
export function sentenceFocusWithin(
  stats: TermStats,
  query: QueryTerms,
  sentences: readonly string[],
): number[] {
  const present = sentences.map((text) => new Set(stats.terms(text)));
  const weights = new Map<string, number>();
  let total = 0;
  for (const [term, weight] of query.weights) {
    let holding = 0;
    for (const terms of present) if (termFound(query, term, terms) > 0) holding++;
    if (holding === 0) continue;
    const within = weight * Math.log(1 + sentences.length / holding);
    weights.set(term, within);
    total += within;
  }
  if (total === 0) return sentences.map(() => 0);
  return present.map((terms) => {
    let found = 0;
    for (const [term, weight] of weights) found += termFound(query, term, terms) * weight;
    return found / total;
  });
}

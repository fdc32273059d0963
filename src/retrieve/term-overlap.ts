/**
 * Term-level evidence, measured with the lexical index's own analysis (stemmed, no stop words)
 * and weighted by inverse document frequency, so "Vance" counts for more than "said".
 */
export interface TermStats {
  /** Analysed terms of a text. */
  terms(text: string): string[];
  /** Passages containing the term; 0 for a term the coverage never uses. */
  documentFrequency(term: string): number;
  /** Passages in the coverage. */
  readonly documentCount: number;
}

/** IDF weights of a question's distinct terms. A term the coverage never uses weighs most. */
export function weighQueryTerms(stats: TermStats, question: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of stats.terms(question)) {
    if (!weights.has(term)) weights.set(term, inverseDocumentFrequency(stats, term));
  }
  return weights;
}

/**
 * Share of the question's IDF mass whose terms occur in `text`: 1 when every question term
 * is there, 0 when none is. An off-topic question ("the capital of Australia") scores near 0
 * against every passage because its distinctive terms are absent from the coverage.
 */
export function termCoverage(
  stats: TermStats,
  queryWeights: ReadonlyMap<string, number>,
  text: string,
): number {
  let total = 0;
  for (const weight of queryWeights.values()) total += weight;
  if (total === 0) return 0;
  const present = new Set(stats.terms(text));
  let found = 0;
  for (const [term, weight] of queryWeights) if (present.has(term)) found += weight;
  return found / total;
}

/** Inverse document frequency of a term, as BM25 weighs it (never negative). */
export function inverseDocumentFrequency(stats: TermStats, term: string): number {
  const n = Math.max(1, stats.documentCount);
  const df = stats.documentFrequency(term);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** A capitalised word: a name, or a sentence's first word. */
const CAPITALISED = /\p{Lu}[\p{L}\p{M}’'.-]*/gu;

/**
 * Adjacent pairs of the terms of what a sentence says, leaving out capitalised words. Every
 * report of a story names the same people and places ("Russian Foreign Minister Sergei
 * Lavrov", "Trump"), so shared names do not make two sentences the same fact; shared wording of
 * what happened does ("made significant concessions"). Pairs rather than single terms, because
 * stories of one kind share single words ("award", "nominated") without sharing a fact.
 * Dropping a sentence's capitalised first word costs little.
 */
export function factBigrams(stats: TermStats, sentence: string): Set<string> {
  const terms = stats.terms(sentence.replace(CAPITALISED, ' '));
  const bigrams = new Set<string>();
  for (let i = 1; i < terms.length; i++) bigrams.add(`${terms[i - 1]} ${terms[i]}`);
  return bigrams;
}

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
  const n = Math.max(1, stats.documentCount);
  for (const term of stats.terms(question)) {
    if (weights.has(term)) continue;
    const df = stats.documentFrequency(term);
    weights.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
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

/** Dice overlap of two term sets: 2|A∩B| / (|A|+|B|), 0 when both are empty. */
export function termDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return (2 * shared) / (a.size + b.size);
}

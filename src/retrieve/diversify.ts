/**
 * Maximal marginal relevance (Carbonell & Goldstein, 1998): picks items one by one, each time
 * the one that best balances its own relevance against its similarity to those already
 * picked, so the top results are different facts rather than one fact three times.
 *
 * `relevance` values should be on a 0–1 scale comparable to `similarity`.
 */
export function maximalMarginalRelevance<T>(
  items: readonly T[],
  relevance: (item: T) => number,
  similarity: (a: T, b: T) => number,
  count: number,
  lambda = 0.7,
): T[] {
  const picked: T[] = [];
  const rest = [...items];
  while (picked.length < count && rest.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    rest.forEach((item, index) => {
      const redundancy = picked.reduce((max, p) => Math.max(max, similarity(item, p)), 0);
      const value = lambda * relevance(item) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    picked.push(rest.splice(bestIndex, 1)[0]!);
  }
  return picked;
}

/**
 * Collapses candidates that report the same fact into one group: the best-ranked candidate
 * leads, and each other article that reports it is listed once (by its best candidate).
 * Overlapping passages or repeated quotes from the lead's own article are dropped: they are
 * the same quote twice, not corroboration.
 *
 * Grouping is single-link over all pairs (connected components), so the result does not depend
 * on the order candidates arrive in: outlets paraphrase each other in chains (a lede close to a
 * quote that is close to another outlet's quote).
 */
export interface Group<T> {
  readonly lead: T;
  /** Best candidates of other articles that report the same fact, best first. */
  readonly corroborating: T[];
}

/** `candidates` must come best first; groups come in the order of their leads. */
export function groupSameFacts<T>(
  candidates: readonly T[],
  articleOf: (candidate: T) => string,
  sameFact: (a: T, b: T) => boolean,
): Group<T>[] {
  const parent = candidates.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      if (root(i) !== root(j) && sameFact(candidates[i]!, candidates[j]!)) {
        // The better-ranked root stays root, so each component's root is its best member.
        parent[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
      }
    }
  }
  const groups = new Map<number, { lead: T; corroborating: T[]; articles: Set<string> }>();
  candidates.forEach((candidate, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group === undefined) {
      groups.set(r, {
        lead: candidate,
        corroborating: [],
        articles: new Set([articleOf(candidate)]),
      });
      return;
    }
    const article = articleOf(candidate);
    if (group.articles.has(article)) return;
    group.articles.add(article);
    group.corroborating.push(candidate);
  });
  return [...groups.values()].map(({ lead, corroborating }) => ({ lead, corroborating }));
}

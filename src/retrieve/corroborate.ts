/**
 * Collapses candidates that report the same fact into one group: the best-ranked candidate
 * leads, and each other article that reports it is listed once (by its best candidate).
 * Overlapping passages or repeated quotes from the lead's own article are dropped: they are
 * the same quote twice, not corroboration.
 *
 * Each candidate is compared with the group leads only (no chaining): on the BBC corpus,
 * single-link chains ran from one tennis result through a tournament preview to another
 * player's match, listing unrelated articles as "also reported by".
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
  sameFact: (lead: T, candidate: T) => boolean,
): Group<T>[] {
  const groups: Group<T>[] = [];
  for (const candidate of candidates) {
    const group = groups.find((g) => sameFact(g.lead, candidate));
    if (group === undefined) {
      groups.push({ lead: candidate, corroborating: [] });
      continue;
    }
    const article = articleOf(candidate);
    const seen =
      articleOf(group.lead) === article ||
      group.corroborating.some((c) => articleOf(c) === article);
    if (!seen) group.corroborating.push(candidate);
  }
  return groups;
}

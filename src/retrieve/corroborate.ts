/**
 * Collapses candidates that report the same fact into one group: the best-ranked candidate
 * leads, and each other article that reports it is listed once. Candidates come best first;
 * a candidate from an article already in a group it matches is dropped (overlapping passages
 * of one article are the same quote twice, not corroboration).
 */
export interface Group<T> {
  readonly lead: T;
  /** Candidates from other articles that report the same fact, best first. */
  readonly corroborating: T[];
}

export function groupSameFacts<T>(
  candidates: readonly T[],
  articleOf: (candidate: T) => string,
  sameFact: (a: T, b: T) => boolean,
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
      articleOf(group.lead) === article || group.corroborating.some((c) => articleOf(c) === article);
    if (!seen) group.corroborating.push(candidate);
  }
  return groups;
}

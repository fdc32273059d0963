import type { Ranked } from './ranked.js';

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list votes 1 / (k + rank) for its
 * items. It needs no score calibration between signals, which matters here because BM25
 * scores and cosines live on unrelated scales (vectra's own hybrid simply appends one list
 * after the other). `weights` lets one signal count more than the other.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly Ranked[])[],
  options: { k?: number; weights?: readonly number[] } = {},
): Ranked[] {
  const k = options.k ?? 60;
  const fused = new Map<number, number>();
  lists.forEach((list, which) => {
    const weight = options.weights?.[which] ?? 1;
    list.forEach((hit, rank) => {
      fused.set(hit.passage, (fused.get(hit.passage) ?? 0) + weight / (k + rank + 1));
    });
  });
  return [...fused]
    .map(([passage, score]) => ({ passage, score }))
    .sort((a, b) => b.score - a.score || a.passage - b.passage);
}

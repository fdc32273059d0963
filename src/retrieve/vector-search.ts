import { TopK, type Ranked } from './ranked.js';

/**
 * Exact nearest neighbours by dot product over a packed row-major matrix of unit vectors
 * (so the dot product is the cosine). A flat scan over one Float32Array is cache-friendly
 * and, at this corpus size, faster than any approximate index would be to maintain.
 */
export function searchVectors(
  vectors: Float32Array,
  dimensions: number,
  query: Float32Array,
  limit: number,
  accept?: (passage: number) => boolean,
): Ranked[] {
  if (query.length !== dimensions) {
    throw new Error(`query has ${query.length} dimensions, the index ${dimensions}`);
  }
  const rows = Math.floor(vectors.length / dimensions);
  const top = new TopK(limit);
  for (let row = 0; row < rows; row++) {
    if (accept !== undefined && !accept(row)) continue;
    let dot = 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++) dot += vectors[offset + d]! * query[d]!;
    if (dot > top.floor) top.push(row, dot);
  }
  return top.sorted();
}

/** Cosine of two stored rows (unit vectors, so a dot product). */
export function rowSimilarity(
  vectors: Float32Array,
  dimensions: number,
  a: number,
  b: number,
): number {
  return dotProduct(
    vectors.subarray(a * dimensions, (a + 1) * dimensions),
    vectors.subarray(b * dimensions, (b + 1) * dimensions),
  );
}

/** Dot product of two vectors of the same length (the cosine, for unit vectors). */
export function dotProduct(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

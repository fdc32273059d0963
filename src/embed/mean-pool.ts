/**
 * Mean pooling and L2 normalisation of token vectors, as transformers.js's feature-extraction
 * pipeline does with `{ pooling: 'mean', normalize: true }`, but reading the attention mask
 * once per token instead of once per token and dimension: the mask is an int64 tensor, and
 * converting a BigInt for each of `tokens × dimensions` values was 15% of answering a
 * question (a CPU profile over the BBC questions; the same vectors either way).
 */

/** A row-major `[texts, tokens, dimensions]` tensor's data and shape. */
export interface TokenVectors {
  readonly data: ArrayLike<number>;
  readonly dims: readonly number[];
}

/**
 * One unit vector per text: the mean of its unmasked token vectors, L2-normalised. A text
 * with no unmasked token, or whose mean is not finite, gets `undefined` (the caller's zero
 * vector).
 */
export function meanPool(
  tokens: TokenVectors,
  mask: ArrayLike<number | bigint>,
): (Float32Array | undefined)[] {
  const [texts = 0, length = 0, dimensions = 0] = tokens.dims;
  const out: (Float32Array | undefined)[] = [];
  for (let text = 0; text < texts; text++) {
    const sum = new Float64Array(dimensions);
    let count = 0;
    for (let token = 0; token < length; token++) {
      const weight = Number(mask[text * length + token]);
      if (weight === 0) continue;
      count += weight;
      const offset = (text * length + token) * dimensions;
      for (let d = 0; d < dimensions; d++) sum[d]! += tokens.data[offset + d]! * weight;
    }
    out.push(count === 0 ? undefined : unit(sum, count));
  }
  return out;
}

function unit(sum: Float64Array, count: number): Float32Array | undefined {
  let norm = 0;
  for (const value of sum) norm += (value / count) ** 2;
  norm = Math.sqrt(norm);
  if (!Number.isFinite(norm) || norm === 0) return undefined;
  const vector = new Float32Array(sum.length);
  for (let d = 0; d < sum.length; d++) vector[d] = sum[d]! / count / norm;
  return vector;
}

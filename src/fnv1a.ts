/**
 * FNV-1a, 32 bits: a small, stable string hash for deterministic seeds and splits (the gate's
 * generated questions, the evaluation's halves). Not for anything that must resist an attacker.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

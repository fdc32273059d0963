import type { Embedder } from '../../src/embed/embedder.js';

/**
 * A deterministic stand-in for a real model: hashed bag of lower-cased words, L2-normalised;
 * all-zero for a text without words. Records every text it embeds, and can be told to fail
 * after a number of calls (to simulate a crash mid-ingest).
 */
export interface FakeEmbedder extends Embedder {
  readonly embedded: string[];
  calls: number;
  /** Throw on the call with this number (1-based), if set. */
  failOnCall?: number;
  /** Called before each batch; lets a test abort mid-run. */
  beforeBatch?: (call: number) => void;
}

function hash(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function fakeEmbedder(id = 'test/fake-hash', dimensions = 32): FakeEmbedder {
  const embedder: FakeEmbedder = {
    id,
    dimensions,
    embedded: [],
    calls: 0,
    async embed(texts) {
      embedder.calls += 1;
      embedder.beforeBatch?.(embedder.calls);
      if (embedder.failOnCall === embedder.calls) throw new Error('fake embedder failure');
      return texts.map((text) => {
        embedder.embedded.push(text);
        const vector = new Float32Array(dimensions);
        for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
          vector[hash(word) % dimensions]! += 1;
        }
        let norm = 0;
        for (const value of vector) norm += value * value;
        if (norm > 0) for (let i = 0; i < dimensions; i++) vector[i]! /= Math.sqrt(norm);
        return vector;
      });
    },
    async dispose() {},
  };
  return embedder;
}

/**
 * vectra's own hybrid search on our index folder, for comparison: `LocalIndex.queryItems(…,
 * isBm25 = true)` over the `index.json` and `docs/` that the store writes for it.
 *
 * vectra rebuilds its BM25 engine on every query (reading each passage's document file and
 * re-tokenising every passage), so a query costs seconds on a large index: the number of
 * timed queries is bounded by `maxQueries` and by a time budget.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import type { Embedder } from '../../../src/embed/embedder.js';
import { peakRssMiB, timeMs } from '../stats.js';

/** Options of {@link measureVectra}. */
export interface VectraRunOptions {
  /** Timed queries at most. */
  readonly maxQueries: number;
  /** No new query starts when one more like the last would exceed this many milliseconds. */
  readonly budgetMs: number;
  /** Results asked for, as in our retrieval. */
  readonly topK: number;
}

/** What vectra's hybrid did on one index. */
export interface VectraMeasure {
  /** Loading and parsing `index.json`, done once before the timed queries. */
  readonly loadMs: number;
  /** Embed + `queryItems` times, in ms, one per timed query. */
  readonly samples: readonly number[];
  /** Timed queries skipped because the budget ran out. */
  readonly skipped: number;
  /** Mean hits per query from the vector part and from the BM25 part (`metadata.isBm25`). */
  readonly vectorHitsMean: number;
  readonly bm25HitsMean: number;
  /**
   * BM25 hits whose chunk, cut from `docs/` the way vectra cuts it, equals the passage text
   * stored in the item: proof vectra's BM25 read our documents (it swallows read errors).
   */
  readonly bm25ChunksChecked: number;
  readonly bm25ChunksMatching: number;
  /** Peak RSS of the process after vectra's queries (includes whatever ran before). */
  readonly peakRssMiB: number;
}

interface ItemMetadata {
  readonly [key: string]: string | number | boolean;
  readonly text: string;
  readonly documentId: string;
  readonly startPos: number;
  readonly endPos: number;
}

/**
 * Loads vectra's `index.json` (timed apart), then runs up to `maxQueries` of `questions`
 * through vectra's hybrid. No per-question warm-up: vectra keeps nothing between queries but
 * the loaded items, so a second run of a question costs the same as the first.
 */
export async function measureVectra(
  indexDir: string,
  embedder: Embedder,
  questions: readonly string[],
  options: VectraRunOptions,
): Promise<VectraMeasure> {
  const index = new LocalIndex<ItemMetadata>(indexDir);
  let vectorHits = 0;
  let bm25Hits = 0;
  let checked = 0;
  let matching = 0;
  let queries = 0;

  const query = async (question: string): Promise<number> => {
    const started = performance.now();
    const [vector] = await embedder.embed([question]);
    if (vector === undefined) throw new Error(`embedder ${embedder.id} returned no vector`);
    const results = await index.queryItems(
      Array.from(vector),
      question,
      options.topK,
      undefined,
      true,
    );
    const elapsed = performance.now() - started;
    queries += 1;
    for (const result of results) {
      const metadata = result.item.metadata;
      if (metadata.isBm25 !== true) {
        vectorHits += 1;
        continue;
      }
      bm25Hits += 1;
      const doc = await readFile(path.join(indexDir, `${metadata.documentId}.txt`), 'utf8');
      checked += 1;
      if (doc.substring(metadata.startPos, metadata.endPos + 1) === metadata.text) matching += 1;
    }
    return elapsed;
  };

  const [, loadMs] = await timeMs(() => index.getIndexStats());
  const samples: number[] = [];
  let spent = 0;
  for (const question of questions.slice(0, options.maxQueries)) {
    // Stop when one more query like the last would overrun the budget.
    const last = samples.at(-1);
    if (last !== undefined && spent + last > options.budgetMs) break;
    const elapsed = await query(question);
    samples.push(elapsed);
    spent += elapsed;
  }
  return {
    loadMs,
    samples,
    skipped: Math.min(questions.length, options.maxQueries) - samples.length,
    vectorHitsMean: vectorHits / queries,
    bm25HitsMean: bm25Hits / queries,
    bm25ChunksChecked: checked,
    bm25ChunksMatching: matching,
    peakRssMiB: peakRssMiB(),
  };
}

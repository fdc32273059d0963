/**
 * Query measurements of our own code on one index, meant to run alone in a child process so
 * that its peak RSS is this corpus's own: open the index, answer every question with the real
 * service, and time the retrieval step alone. (vectra's side: `vectra-baseline.ts`.)
 */
import { createCoverage } from '../../../src/app/open-coverage.js';
import type { Embedder } from '../../../src/embed/embedder.js';
import { rankingFor, rankPassages } from '../../../src/retrieve/rank-passages.js';
import { searchVectors } from '../../../src/retrieve/vector-search.js';
import { openIndex } from '../../../src/store/open-index.js';
import { peakRssMiB, timeMs } from '../stats.js';

/** Hits taken from our ranking: the same top 10 that vectra is asked for. */
export const TOP_K = 10;
const MiB = 1024 * 1024;

/** Options of {@link measureCorpus}. */
export interface MeasureOptions {
  /** Timed passes over the question list (after one warm-up pass). */
  readonly rounds: number;
}

/** Everything measured on one index (times in ms, sizes in MiB). */
export interface CorpusMeasure {
  readonly articles: number;
  readonly passages: number;
  readonly questions: number;
  /** Questions the service answered (the rest were declined by the no-answer gate). */
  readonly answered: number;
  readonly openMs: number;
  /** `createCoverage` on the opened index (start-up work such as calibrating the gate). */
  readonly createMs: number;
  /** Growth of the JS heap and of ArrayBuffers from opening the index (after a GC). */
  readonly heapMiB: number;
  readonly arrayBuffersMiB: number;
  /** `coverage.ask` times: embed, rank, gate, sentences, grouping, excerpts. */
  readonly full: readonly number[];
  /** Embed the question + `rankPassages` (top 10): what `queryItems` does. */
  readonly retrieval: readonly number[];
  /** Parts of retrieval, timed alone: embedding the question, the vector scan, BM25. */
  readonly embed: readonly number[];
  readonly vectorScan: readonly number[];
  readonly lexicalSearch: readonly number[];
  /** Peak RSS once the model is loaded and the index opened (reading it costs transients). */
  readonly peakRssAfterOpenMiB: number;
  /** Peak RSS with the model and index loaded and every question answered. */
  readonly peakRssOursMiB: number;
}

function collectGarbage(): void {
  // Present when the process runs with --expose-gc (the benchmark starts it so); without it
  // the memory deltas include garbage, which only overstates them.
  (globalThis as { gc?: () => void }).gc?.();
}

/** Measures queries on the index in `indexDir` with `embedder` (the index's model). */
export async function measureCorpus(
  indexDir: string,
  embedder: Embedder,
  questions: readonly string[],
  options: MeasureOptions,
): Promise<CorpusMeasure> {
  collectGarbage();
  const before = process.memoryUsage();
  const [index, openMs] = await timeMs(() => openIndex(indexDir));
  const peakRssAfterOpenMiB = peakRssMiB();
  collectGarbage();
  const after = process.memoryUsage();

  const [coverage, createMs] = await timeMs(() => createCoverage(index, embedder));
  const ranking = rankingFor(index.manifest.model.id);
  const retrieve = async (question: string) => {
    const [vector] = await embedder.embed([question]);
    if (vector === undefined) throw new Error(`embedder ${embedder.id} returned no vector`);
    return rankPassages(index, question, vector, ranking).slice(0, TOP_K);
  };

  // Warm-up: first-use work (term statistics, JIT) is not what a running bot pays per query.
  let answered = 0;
  for (const question of questions) {
    if ((await coverage.ask(question)).answered) answered += 1;
    await retrieve(question);
  }
  const full: number[] = [];
  const retrieval: number[] = [];
  const embed: number[] = [];
  const vectorScan: number[] = [];
  const lexicalSearch: number[] = [];
  const { dimensions } = index.manifest.model;
  for (let round = 0; round < options.rounds; round++) {
    for (const question of questions) {
      full.push((await timeMs(() => coverage.ask(question)))[1]);
      retrieval.push((await timeMs(() => retrieve(question)))[1]);
      // The same depth as rankPassages uses, so the parts add up to (most of) retrieval.
      const [[vector], embedMs] = await timeMs(() => embedder.embed([question]));
      embed.push(embedMs);
      vectorScan.push(
        (await timeMs(() => searchVectors(index.vectors, dimensions, vector!, ranking.depth)))[1],
      );
      lexicalSearch.push((await timeMs(() => index.lexical.search(question, ranking.depth)))[1]);
    }
  }
  return {
    articles: index.manifest.counts.articles,
    passages: index.manifest.counts.passages,
    questions: questions.length,
    answered,
    openMs,
    createMs,
    heapMiB: (after.heapUsed - before.heapUsed) / MiB,
    arrayBuffersMiB: (after.arrayBuffers - before.arrayBuffers) / MiB,
    full,
    retrieval,
    embed,
    vectorScan,
    lexicalSearch,
    peakRssAfterOpenMiB,
    peakRssOursMiB: peakRssMiB(),
  };
}

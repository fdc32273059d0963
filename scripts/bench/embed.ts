/**
 * Embedding benchmark: bundled model load time, passages/s, peak RSS.
 *
 *   npx tsx scripts/bench/embed.ts        (or `npm run bench -- embed`)
 *
 * Passages are 1,000 windows of 40 words cut from ../shared/corpora/bbc (synthesised when the
 * corpus is absent). Figures are medians of repeated runs in one process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, defaultModelsDir } from '../../src/embed/load-embedder.js';
import { createTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { readBbcArticles } from '../offline-model/bbc.js';
import { median, peakRssMiB } from './stats.js';

const PASSAGES = 1_000;
const WORDS_PER_PASSAGE = 40;
const LOADS = 5;
const THROUGHPUT_RUNS = 3;

/** 40-word windows of BBC article bodies, or synthetic text when the corpus is missing. */
function benchPassages(): { passages: string[]; origin: string } {
  const passages: string[] = [];
  for (const article of readBbcArticles()) {
    const words = article.paragraphs.join(' ').split(/\s+/).filter(Boolean);
    for (let start = 0; start + WORDS_PER_PASSAGE <= words.length; start += WORDS_PER_PASSAGE) {
      passages.push(words.slice(start, start + WORDS_PER_PASSAGE).join(' '));
      if (passages.length === PASSAGES) return { passages, origin: 'BBC corpus' };
    }
  }
  const vocabulary =
    'the government said on monday that growth in the economy had slowed as prices rose and firms cut jobs while the team won its match'.split(
      ' ',
    );
  const synthetic = Array.from({ length: PASSAGES }, (_, i) =>
    Array.from(
      { length: WORDS_PER_PASSAGE },
      (_, j) => vocabulary[(i * 7 + j * 3) % vocabulary.length],
    ).join(' '),
  );
  return { passages: synthetic, origin: 'synthetic (BBC corpus not found)' };
}

async function loadBundled(): Promise<Embedder> {
  return createTransformersEmbedder({
    model: BUNDLED_MODEL_ID,
    source: { remote: false, modelsDir: defaultModelsDir() },
  });
}

/** Prints the embedding section of `npm run bench`. */
export async function benchEmbedding(): Promise<void> {
  const loadTimes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const started = performance.now();
    const embedder = await loadBundled();
    loadTimes.push(performance.now() - started);
    await embedder.dispose();
  }

  const { passages, origin } = benchPassages();
  const embedder = await loadBundled();
  await embedder.embed(passages.slice(0, 64)); // warm-up: first-call allocations
  const rates: number[] = [];
  for (let run = 0; run < THROUGHPUT_RUNS; run++) {
    const started = performance.now();
    await embedder.embed(passages);
    rates.push(passages.length / ((performance.now() - started) / 1000));
  }
  await embedder.dispose();

  const peakRssMb = peakRssMiB();
  const rows: Array<[string, string, string]> = [
    ['model', BUNDLED_MODEL_ID, ''],
    [
      'load (median of 5, first includes runtime start)',
      `${median(loadTimes).toFixed(0)} ms`,
      'target ≤ 300 ms',
    ],
    ['first load', `${loadTimes[0]!.toFixed(0)} ms`, ''],
    [
      `embed ${passages.length} × ${WORDS_PER_PASSAGE}-word passages (median of ${THROUGHPUT_RUNS})`,
      `${median(rates).toFixed(0)} passages/s`,
      'target ≥ 2,000/s',
    ],
    ['passages from', origin, ''],
    ['peak RSS', `${peakRssMb.toFixed(0)} MB`, ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value, note] of rows) {
    console.log(`${label.padEnd(width)}  ${value}${note === '' ? '' : `  (${note})`}`);
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await benchEmbedding();
}

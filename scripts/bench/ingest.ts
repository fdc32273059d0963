/**
 * Ingest benchmark: a full ingest of the BBC corpus (`../shared/corpora/bbc`, 2,225 articles)
 * with the bundled model into a temp folder, then unchanged re-runs and index opens.
 * Targets (issue #3): full ingest ≤ 30 s, unchanged re-run ≤ 3 s.
 *
 * Run alone with `npx tsx scripts/bench/ingest.ts`, or as part of `npm run bench`.
 * `BENCH_CORPUS=DIR` benchmarks another folder.
 */
import { loadBundledModel } from './bundled-model.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { folderBytes, median, peakRssMiB, timeMs } from './stats.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Unchanged re-runs and opens are cheap: repeat them and report the median. */
const REPEATS = 5;

/** Runs the ingest benchmark and prints its figures as a Markdown table. */
export async function benchIngest(): Promise<void> {
  const corpus = path.resolve(repo, process.env.BENCH_CORPUS ?? '../shared/corpora/bbc');
  const scratch = await mkdtemp(path.join(tmpdir(), 'coverage-bench-ingest-'));
  const indexDir = path.join(scratch, 'index');
  const log = memoryLogger();
  try {
    const [embedder, loadMs] = await timeMs(() => loadBundledModel(log));
    try {
      const full = await ingestCorpus({ articlesDir: corpus, indexDir, embedder, log });
      const reruns: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const rerun = await ingestCorpus({ articlesDir: corpus, indexDir, embedder, log });
        if (rerun.changed || rerun.embedded !== 0) {
          throw new Error('an unchanged re-run embedded passages: incremental ingest is broken');
        }
        reruns.push(rerun.seconds);
      }
      const opens: number[] = [];
      for (let i = 0; i < REPEATS; i++)
        opens.push((await timeMs(() => openIndex(indexDir)))[1] / 1000);
      const bytes = await folderBytes(indexDir);
      const rows: [string, string][] = [
        ['corpus', `${path.relative(repo, corpus)} (${full.articles} articles ingested)`],
        ['skipped files / warnings', `${full.skipped.length} / ${full.warnings.length}`],
        [
          'model',
          `${embedder.id} (${embedder.dimensions}d), loaded in ${(loadMs / 1000).toFixed(2)} s`,
        ],
        ['passages', String(full.passages)],
        ['full ingest (1 run)', `${full.seconds.toFixed(2)} s (target ≤ 30 s)`],
        [
          `unchanged re-run (median of ${REPEATS})`,
          `${median(reruns).toFixed(2)} s (target ≤ 3 s)`,
        ],
        [`openIndex (median of ${REPEATS})`, `${median(opens).toFixed(2)} s`],
        ['index size on disk', `${(bytes / 1024 / 1024).toFixed(1)} MiB`],
        ['peak RSS', `${peakRssMiB().toFixed(0)} MiB`],
      ];
      console.log('| measure | value |\n| --- | --- |');
      for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`);
    } finally {
      await embedder.dispose();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchIngest();
}

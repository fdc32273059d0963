/**
 * Hot-swap benchmark: the running bot's refresh at BBC size (`../shared/corpora/bbc`, 2,225
 * articles, bundled model). The index is built in a child process first, so this process's
 * peak RSS is the live service's own: one index open, then refreshes that each add one article
 * (incremental ingest + reopen + gate calibration + swap), and refreshes with nothing new.
 * Memory is read after a forced GC (run with --expose-gc, as `npm run bench` does) to show
 * that a swap releases the old index: steady-state heap after the swaps ≈ before them.
 *
 * Run alone with `node --expose-gc --import tsx scripts/bench/swap.ts`.
 * `BENCH_CORPUS=DIR` benchmarks another folder.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { ingestInChildProcess } from '../../src/app/ingest-process.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { openLiveCoverage, type RefreshReport } from '../../src/app/live-coverage.js';
import { loadCoreConfig, type CoreConfig } from '../../src/config.js';
import { memoryLogger } from '../../src/log.js';
import { median } from './stats.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Each swap re-reads the whole corpus and rewrites the index (~seconds): 5 keeps the run short. */
const SWAPS = 5;
const UNCHANGED = 5;
const MiB = 1024 * 1024;

function settledMemory(): { heap: number; rss: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return {
    heap: usage.heapUsed / MiB,
    rss: usage.rss / MiB,
    external: (usage.external + usage.arrayBuffers) / MiB,
  };
}

/** One distinct story per swap, so each question has exactly one right article. */
const STORIES = [
  ['Port Ellery', 'harbour festival', 'a parade of painted fishing boats'],
  ['Glenmoor', 'glacier museum', 'a tunnel carved into blue ice'],
  ['Ashcombe', 'tram depot', 'a restored tram from the nineteen twenties'],
  ['Wexley', 'orchid show', 'a rare black orchid from the highlands'],
  ['Dunmarsh', 'chess marathon', 'forty hours of continuous blitz games'],
] as const;

function article(n: number): string {
  const [town, event, feature] = STORIES[n % STORIES.length]!;
  return [
    '---',
    `title: ${town} opens its new ${event}`,
    'outlet: Bench Gazette',
    `published: 2031-01-${String(n + 1).padStart(2, '0')}`,
    '---',
    `The town of ${town} opened its new ${event} on Friday, featuring ${feature}.`,
    '',
    `Organisers said the ${event} drew thousands of visitors to ${town} over the weekend.`,
    '',
  ].join('\n');
}

function questionAbout(n: number): string {
  const [, event] = STORIES[n % STORIES.length]!;
  return `Which town opened a new ${event}?`;
}

/** Highest RSS seen per phase, sampled every few ms (a sample lands whenever the loop is free). */
function rssSampler() {
  const peaks = new Map<string, number>();
  let phase = 'idle';
  const sample = () => {
    const rss = process.memoryUsage.rss() / MiB;
    peaks.set(phase, Math.max(peaks.get(phase) ?? 0, rss));
  };
  const timer = setInterval(sample, 5);
  return {
    enter(next: string) {
      sample();
      phase = next;
      sample();
    },
    peak: (name: string) => peaks.get(name) ?? Number.NaN,
    stop: () => clearInterval(timer),
  };
}

interface Measured {
  readonly articles: number;
  readonly passages: number;
  readonly openSeconds: number;
  readonly total: number[];
  readonly ingest: number[];
  readonly reopen: number[];
  readonly unchanged: number[];
  readonly stallMaxMs: number;
  readonly stallP99Ms: number;
  readonly found: number;
  readonly openVersions: number;
  readonly before: ReturnType<typeof settledMemory>;
  readonly after: ReturnType<typeof settledMemory>;
  readonly ingestPeak: number;
  readonly reopenPeak: number;
}

/**
 * Opens the live service on the index in `config.indexDir`, then adds SWAPS articles one
 * refresh at a time and runs UNCHANGED refreshes with nothing new; removes its articles after.
 */
async function measure(mode: 'child' | 'in-process', config: CoreConfig): Promise<Measured> {
  const log = memoryLogger();
  const sampler = rssSampler();
  const inner =
    mode === 'child'
      ? ingestInChildProcess(config)
      : (embedder: Embedder, signal: AbortSignal) =>
          ingestCorpus({
            articlesDir: config.dataDir,
            indexDir: config.indexDir,
            embedder,
            log,
            signal,
          });
  const openedAt = performance.now();
  const live = await openLiveCoverage(config, log, {
    // Wrapped to tell the ingest's memory from the reopen's.
    ingest: async (embedder, signal) => {
      sampler.enter('ingest');
      try {
        return await inner(embedder, signal);
      } finally {
        sampler.enter('reopen');
      }
    },
  });
  const openSeconds = (performance.now() - openedAt) / 1000;
  const added: string[] = [];
  try {
    await live.ask(questionAbout(0));
    const before = settledMemory();
    // The longest time the event loop was blocked: how long a question (or the gateway's
    // heartbeat) can wait behind a refresh.
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const swaps: RefreshReport[] = [];
    let found = 0;
    for (let n = 0; n < SWAPS; n++) {
      const id = `bench-${mode}-${n}`;
      added.push(path.join(config.dataDir, `${id}.md`));
      await writeFile(added.at(-1)!, article(n));
      const report = await live.refresh();
      sampler.enter('idle');
      if (report.outcome !== 'swapped') {
        throw new Error(`refresh ${n} did not swap: ${report.outcome} ${String(report.error)}`);
      }
      swaps.push(report);
      const answer = await live.ask(questionAbout(n));
      if (answer.results[0]?.source.id === id) found += 1;
    }
    const unchanged: number[] = [];
    for (let i = 0; i < UNCHANGED; i++) {
      const report = await live.refresh();
      sampler.enter('idle');
      if (report.outcome !== 'unchanged') throw new Error(`expected unchanged: ${report.outcome}`);
      unchanged.push(report.seconds);
    }
    stalls.disable();
    sampler.stop();
    const after = settledMemory();
    const total = swaps.map((report) => report.seconds);
    const ingest = swaps.map((report) => report.ingest?.seconds ?? Number.NaN);
    const info = live.info();
    return {
      articles: info.articles,
      passages: info.passages,
      openSeconds,
      total,
      ingest,
      reopen: total.map((seconds, i) => seconds - ingest[i]!),
      unchanged,
      stallMaxMs: stalls.max / 1e6,
      stallP99Ms: stalls.percentile(99) / 1e6,
      found,
      openVersions: live.openVersions(),
      before,
      after,
      ingestPeak: sampler.peak('ingest'),
      reopenPeak: sampler.peak('reopen'),
    };
  } finally {
    sampler.stop();
    for (const file of added) await rm(file, { force: true });
    await live.refresh();
    await live.close();
  }
}

/** Runs the swap benchmark and prints its figures as a Markdown table. */
export async function benchSwap(): Promise<void> {
  const corpus = path.resolve(repo, process.env.BENCH_CORPUS ?? '../shared/corpora/bbc');
  if (!existsSync(corpus)) {
    console.log(`Skipped: no corpus at ${corpus} (set BENCH_CORPUS=DIR to use another folder).`);
    return;
  }
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    console.log('note: run with --expose-gc for settled memory figures (npm run bench does).');
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'coverage-bench-swap-'));
  const dataDir = path.join(scratch, 'articles');
  const indexDir = path.join(scratch, 'index');
  try {
    await cp(corpus, dataDir, { recursive: true });
    const build = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'src/cli/ingest.ts')],
      {
        cwd: repo,
        env: { ...process.env, DATA_DIR: dataDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'bundled' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (build.status !== 0) throw new Error(`building the index failed (exit ${build.status})`);

    const config = loadCoreConfig(
      {
        DATA_DIR: dataDir,
        INDEX_DIR: indexDir,
        EMBEDDING_MODEL: 'bundled',
        MODEL_CACHE_DIR: path.join(repo, '.cache/models'),
      },
      repo,
    );
    const child = await measure('child', config);
    const inProcess = await measure('in-process', config);
    const rows: [string, (m: Measured) => string][] = [
      ['articles / passages after the swaps', (m) => `${m.articles} / ${m.passages}`],
      ['open the live service (model + index + gate)', (m) => `${m.openSeconds.toFixed(2)} s`],
      [
        `refresh adding one article, total (median of ${SWAPS})`,
        (m) => `${median(m.total).toFixed(2)} s`,
      ],
      ['… of which the incremental ingest', (m) => `${median(m.ingest).toFixed(2)} s`],
      [
        '… of which reopen + swap (the gate is stored in the index)',
        (m) => `${median(m.reopen).toFixed(2)} s`,
      ],
      [
        `refresh with nothing new (median of ${UNCHANGED})`,
        (m) => `${median(m.unchanged).toFixed(2)} s`,
      ],
      [
        'longest event-loop stall during refreshes (a question waits at most this)',
        (m) => `${m.stallMaxMs.toFixed(0)} ms (p99 ${m.stallP99Ms.toFixed(0)} ms)`,
      ],
      ['new article answered right after its swap', (m) => `${m.found}/${SWAPS}`],
      ['indexes open after the swaps', (m) => String(m.openVersions)],
      [
        'heap after GC: before swaps → after',
        (m) =>
          `${m.before.heap.toFixed(0)} → ${m.after.heap.toFixed(0)} MiB (×${(m.after.heap / m.before.heap).toFixed(2)})`,
      ],
      [
        'array buffers after GC: before → after',
        (m) => `${m.before.external.toFixed(0)} → ${m.after.external.toFixed(0)} MiB`,
      ],
      [
        'RSS of the bot process: before swaps → after',
        (m) => `${m.before.rss.toFixed(0)} → ${m.after.rss.toFixed(0)} MiB`,
      ],
      [
        'sampled RSS peak of the bot process: ingest / reopen (old index still held)',
        (m) => `${m.ingestPeak.toFixed(0)} / ${m.reopenPeak.toFixed(0)} MiB`,
      ],
    ];
    console.log(
      `Corpus: ${path.relative(repo, corpus)}, bundled model. Same run, same machine; the ` +
        'in-process column runs second, so its RSS starts from what the first left.\n',
    );
    console.log('| measure | ingest in a child process (npm start) | ingest in-process |');
    console.log('| --- | --- | --- |');
    for (const [label, show] of rows)
      console.log(`| ${label} | ${show(child)} | ${show(inProcess)} |`);
    console.log(
      `\nStall ratio in-process ÷ child: ×${(inProcess.stallMaxMs / child.stallMaxMs).toFixed(1)}; ` +
        `refresh time ratio: ×${(median(inProcess.total) / median(child.total)).toFixed(2)}.`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSwap();
}

/**
 * Query benchmark (issue #4): query p50/p95 (warm), open time, memory and index size on the
 * seeds, on ../shared/corpora/bbc and on the BBC corpus replicated ×10, side by side with
 * vectra's own hybrid (`queryItems(…, isBm25 = true)`) on the same index folders.
 *
 *   npx tsx scripts/bench/query.ts        (or `npm run bench -- query`)
 *
 * The indexes are built into a temp folder with the real ingest and the bundled model; BBC×10
 * is the BBC index copied ten times under synthetic ids (no re-embedding). Each corpus is then
 * measured in two child processes (this file with `--measure ours|vectra`), so each peak RSS
 * is that corpus's and that side's own. Prints Markdown to stdout, progress to stderr.
 */
import { loadBundledModel } from './bundled-model.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { memoryLogger } from '../../src/log.js';
import { INDEX_FILES } from '../../src/store/index-folder.js';
import { readStoredIndex } from '../../src/store/open-index.js';
import { measureCorpus, TOP_K, type CorpusMeasure } from './query/measure-corpus.js';
import { seedQuestions, titleQuestions } from './query/questions.js';
import { printReport, type CorpusReport, type IndexBytes } from './query/report.js';
import { replicateIndex } from './query/replicate-index.js';
import {
  measureVectra,
  type VectraMeasure,
  type VectraRunOptions,
} from './query/vectra-baseline.js';
import { folderBytes } from './stats.js';

const here = fileURLToPath(import.meta.url);
const repo = path.resolve(path.dirname(here), '../..');
const SEEDS_DIR = path.join(repo, 'data/articles');
const BBC_DIR = path.resolve(repo, '../shared/corpora/bbc');
const QA_FILE = path.join(repo, 'test/fixtures/qa.json');
/** Questions made from BBC titles. */
const BBC_QUESTIONS = 50;
const COPIES = 10;
/** Argument that makes this file measure one prepared index instead of running the whole bench. */
const MEASURE_FLAG = '--measure';
/** Prefix of a child's one result line on stdout. */
const RESULT_MARKER = 'QUERY-BENCH-RESULT ';
/**
 * vectra parses its whole `index.json` (290 MB at BBC×10) and builds a BM25 engine over every
 * passage per query; Node's default heap limit can be too small for that.
 */
const VECTRA_HEAP_MB = 6_144;

/** One corpus to measure, handed to the child process as JSON. */
export interface CorpusPlan {
  readonly label: string;
  readonly indexDir: string;
  readonly questionsFile: string;
  /** Timed passes of our code over the questions. */
  readonly rounds: number;
  readonly vectra: Omit<VectraRunOptions, 'topK'>;
}

function progress(message: string): void {
  console.error(`query bench: ${message}`);
}

/** Builds the indexes into `scratch` and returns what to measure, smallest first. */
async function prepare(scratch: string): Promise<CorpusPlan[]> {
  const log = memoryLogger();
  const embedder = await loadBundledModel();
  const plans: CorpusPlan[] = [];
  const plan = async (
    label: string,
    key: string,
    questions: readonly string[],
    settings: Pick<CorpusPlan, 'rounds' | 'vectra'>,
  ) => {
    const questionsFile = path.join(scratch, `${key}.questions.json`);
    await writeFile(questionsFile, JSON.stringify(questions));
    plans.push({ label, indexDir: path.join(scratch, key), questionsFile, ...settings });
  };
  try {
    progress('building the seed index');
    await ingestCorpus({
      articlesDir: SEEDS_DIR,
      indexDir: path.join(scratch, 'seeds'),
      embedder,
      log,
    });
    // vectra budgets: a vectra query took ~0.3 s on the seeds, ~13 s on BBC and ~3 min on
    // BBC×10 (2 shared cores), so BBC gets 2–4 queries and BBC×10 a single one.
    await plan('seeds', 'seeds', await seedQuestions(QA_FILE), {
      rounds: 5,
      vectra: { maxQueries: 20, budgetMs: 30_000 },
    });
    if (!existsSync(BBC_DIR)) {
      progress(`${BBC_DIR} not found: measuring the seeds only`);
      return plans;
    }
    progress('building the BBC index (embeds every passage, ~15–30 s)');
    const bbcDir = path.join(scratch, 'bbc');
    await ingestCorpus({ articlesDir: BBC_DIR, indexDir: bbcDir, embedder, log });
    const questions = titleQuestions(
      (await readStoredIndex(bbcDir)).articles.values(),
      BBC_QUESTIONS,
    );
    await plan('BBC', 'bbc', questions, {
      rounds: 3,
      vectra: { maxQueries: 20, budgetMs: 50_000 },
    });
    progress(`building BBC×${COPIES} from the BBC index (no re-embedding, ~40 s)`);
    await replicateIndex(bbcDir, path.join(scratch, 'bbc10'), COPIES);
    await plan(`BBC×${COPIES}`, 'bbc10', questions, {
      rounds: 2,
      vectra: { maxQueries: 5, budgetMs: 60_000 },
    });
    return plans;
  } finally {
    await embedder.dispose();
  }
}

/** Bytes on disk of an index folder: ours, and vectra's `index.json` + `docs/`. */
async function indexBytes(dir: string): Promise<IndexBytes> {
  const total = await folderBytes(dir);
  const vectra =
    (await stat(path.join(dir, INDEX_FILES.vectra))).size +
    (await folderBytes(path.join(dir, INDEX_FILES.vectraDocs)));
  return { total, ours: total - vectra, vectra };
}

/** Which side a child process measures. */
type Side = 'ours' | 'vectra';

/**
 * Runs this file with `--measure <side>` on one plan and returns its one result line, or
 * undefined when the child ended without one (its stderr says why).
 */
function measureInChild(side: Side, plan: CorpusPlan): Promise<unknown> {
  // Only vectra's side gets the larger heap: a higher limit lets V8 collect later, which
  // would inflate our own peak RSS.
  const heap = side === 'vectra' ? [`--max-old-space-size=${VECTRA_HEAP_MB}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...heap, '--import', 'tsx', here, MEASURE_FLAG, side, JSON.stringify(plan)],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (line !== undefined) resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as unknown);
      else {
        progress(
          `measuring ${side} on ${plan.label} ended without a result (exit ${code ?? signal})`,
        );
        resolve(undefined);
      }
    });
  });
}

/** Measures one corpus: our side, then vectra's, each in its own process. */
async function measurePlan(plan: CorpusPlan): Promise<CorpusReport> {
  progress(`measuring ${plan.label}: ours`);
  const measure = (await measureInChild('ours', plan)) as CorpusMeasure | undefined;
  if (measure === undefined) throw new Error(`measuring ${plan.label} failed; see stderr above`);
  progress(`measuring ${plan.label}: vectra's hybrid (up to ${plan.vectra.maxQueries} queries)`);
  // Our figures stand even when vectra's baseline dies (e.g. out of memory): the report says so.
  const vectra = ((await measureInChild('vectra', plan)) as VectraMeasure | undefined) ?? {
    error: "vectra's run ended without a result (see stderr)",
  };
  return {
    label: plan.label,
    rounds: plan.rounds,
    vectraLimits: plan.vectra,
    bytes: await indexBytes(plan.indexDir),
    measure,
    vectra,
  };
}

/** The whole benchmark: build, measure each corpus in a child, print. */
export async function benchQuery(): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'coverage-bench-query-'));
  try {
    const plans = await prepare(scratch);
    const reports: CorpusReport[] = [];
    for (const plan of plans) reports.push(await measurePlan(plan));
    printReport(reports);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Child side: measures one side on the index of one plan and writes one result line. */
async function measureOne(side: Side, planJson: string): Promise<void> {
  const plan = JSON.parse(planJson) as CorpusPlan;
  const questions = JSON.parse(await readFile(plan.questionsFile, 'utf8')) as string[];
  const embedder = await loadBundledModel();
  try {
    const result =
      side === 'ours'
        ? await measureCorpus(plan.indexDir, embedder, questions, plan)
        : await measureVectra(plan.indexDir, embedder, questions, { ...plan.vectra, topK: TOP_K });
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
  } finally {
    await embedder.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, side, plan] = process.argv.slice(2);
  if (flag === MEASURE_FLAG && (side === 'ours' || side === 'vectra') && plan !== undefined) {
    await measureOne(side, plan);
  } else {
    await benchQuery();
  }
}

/**
 * `npm run eval`: answering quality on the evaluation sets, through the answering service as
 * the product builds it (`createCoverage`: its gate, its defaults), per set, per half (tune /
 * held-out) and per question style.
 *
 * - seeds: test/fixtures/qa.json over data/articles;
 * - bbc: test/fixtures/bbc-qa.json over ../shared/corpora/bbc;
 * - headlines: BBC titles asked as questions with titles not indexed (scripts/eval/headlines.ts
 *   gives the sampling rule); hit@k and MRR@10 by article, top 10.
 *
 * Indexes persist under .cache/eval/<model>/ and are updated by the product's incremental
 * ingest, so a re-run costs the questions only. `--ablations` adds the ranking-variant tables.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHelp, parseFlags, type FlagSpecs } from '../src/cli/args.js';
import type { Embedder } from '../src/embed/embedder.js';
import { isUserError, UserError } from '../src/errors.js';
import {
  ablateHeadlines,
  ablateQaSet,
  formatAblations,
  type AblationRow,
} from './eval/ablations.js';
import {
  evaluateHeadlines,
  evaluateQaSet,
  openEvalCoverage,
  type AnswerableResult,
} from './eval/evaluate.js';
import { sampleHeadlines } from './eval/headlines.js';
import { modelSlug, prepareIndex, withoutTitles } from './eval/indexes.js';
import { loadEvalEmbedder } from './eval/model.js';
import { readQaSet } from './eval/qa-set.js';
import { formatSet, summariseSet, type EvalSummary, type SetSummary } from './eval/report.js';
import type { Half } from './eval/split.js';

const USAGE = `Usage: npm run eval -- [options]

Measures answering quality (hit@1, hit@3, MRR, false declines, off-topic declines) per set,
half and question style, through the answering service as the product runs it.`;

export const EVAL_FLAGS = {
  set: {
    type: 'string',
    valueName: 'SETS',
    description: 'comma-separated: seeds, bbc, headlines (default all three)',
  },
  half: { type: 'string', valueName: 'HALF', description: 'tune, test or all (default all)' },
  json: { type: 'boolean', description: 'print one JSON summary on stdout (diffable)' },
  model: {
    type: 'string',
    valueName: 'ID|DIR',
    description: 'embedding model: an id, bundled, or a model folder (default bundled)',
  },
  verbose: {
    type: 'boolean',
    short: 'v',
    description: 'list failures: question, expected, what came first, gate evidence',
  },
  ablations: { type: 'boolean', description: 'also measure the ranking variants (slower)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies FlagSpecs;

export const SET_NAMES = ['seeds', 'bbc', 'headlines'] as const;
type SetName = (typeof SET_NAMES)[number];

export interface EvalArgs {
  readonly sets: readonly SetName[];
  readonly halves: readonly Half[];
  readonly json: boolean;
  readonly model: string | undefined;
  readonly verbose: boolean;
  readonly ablations: boolean;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs | 'help' {
  const { values } = parseFlags(argv, EVAL_FLAGS, { command: 'npm run eval --' });
  if (values.help) return 'help';
  const sets = (values.set ?? SET_NAMES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of sets) {
    if (!(SET_NAMES as readonly string[]).includes(name)) {
      throw new UserError(
        `--set "${name}" is not a set: use ${SET_NAMES.join(', ')} (comma-separated).`,
      );
    }
  }
  const half = values.half ?? 'all';
  if (!['tune', 'test', 'all'].includes(half)) {
    throw new UserError(`--half "${half}" is not a half: use tune, test or all.`);
  }
  return {
    sets: [...new Set(sets)] as SetName[],
    halves: half === 'all' ? ['tune', 'test'] : [half as Half],
    json: values.json === true,
    model: values.model,
    verbose: values.verbose === true,
    ablations: values.ablations === true,
  };
}

export interface EvalDeps {
  /** The repository (test/fixtures, data/articles). */
  readonly root: string;
  /** The BBC corpus; absent ⇒ its sets are skipped, saying so. */
  readonly bbcDir: string;
  /** Where indexes persist between runs. */
  readonly cacheDir: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function defaultEvalDeps(root: string): EvalDeps {
  return {
    root,
    bbcDir: path.resolve(root, '../shared/corpora/bbc'),
    cacheDir: path.join(root, '.cache/eval'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/** Runs `npm run eval` with `argv`; returns the exit code. */
export async function runEvalCli(argv: readonly string[], deps: EvalDeps): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args === 'help') {
    deps.stdout(`${formatHelp(USAGE, EVAL_FLAGS)}\n`);
    return 0;
  }
  const started = performance.now();
  const note = (text: string) => deps.stderr(`${text}\n`);
  const embedder = await loadEvalEmbedder(args.model, deps.root, note);
  try {
    const summary = await evaluate(args, deps, embedder, note);
    const seconds = (performance.now() - started) / 1000;
    const result: EvalSummary = { ...summary, seconds: Number(seconds.toFixed(2)) };
    if (args.json) deps.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else deps.stdout(`${summary.text}\n`);
    note(`Evaluated in ${seconds.toFixed(1)} s.`);
    return 0;
  } finally {
    await embedder.dispose();
  }
}

async function evaluate(
  args: EvalArgs,
  deps: EvalDeps,
  embedder: Embedder,
  note: (text: string) => void,
): Promise<Omit<EvalSummary, 'seconds'> & { text: string }> {
  const cache = path.join(deps.cacheDir, modelSlug(embedder.id));
  const sets: Record<string, SetSummary & { ablations?: AblationRow[] }> = {};
  const skipped: Record<string, string> = {};
  const text: string[] = [
    `# Evaluation: ${embedder.id} (${embedder.dimensions}d), halves: ${args.halves.join(', ')}`,
  ];

  if (args.sets.includes('seeds')) {
    const prepared = await prepareIndex(
      path.join(deps.root, 'data/articles'),
      path.join(cache, 'seeds'),
      embedder,
    );
    note(
      `seeds index ready in ${prepared.seconds.toFixed(2)} s (${prepared.embedded} passages embedded)`,
    );
    const qa = await readQaSet(path.join(deps.root, 'test/fixtures/qa.json'));
    const target = await openEvalCoverage(prepared.index, embedder);
    const results = await evaluateQaSet(target, qa, args.halves);
    const set = summariseSet(results.answerable, results.offTopic, args.verbose);
    text.push('', formatSet('Seeds (test/fixtures/qa.json)', set));
    if (args.ablations) {
      const rows = await ablateQaSet(
        prepared.index,
        embedder,
        qa.onTopic.filter((q) => args.halves.includes(q.half)),
      );
      text.push('', formatAblations('seeds, top 3, gate open', rows));
      sets.seeds = { ...set, ablations: rows };
    } else sets.seeds = set;
  }

  const wantsBbc = args.sets.includes('bbc') || args.sets.includes('headlines');
  if (wantsBbc && !existsSync(deps.bbcDir)) {
    const reason = `${deps.bbcDir} not found`;
    for (const name of ['bbc', 'headlines'] as const)
      if (args.sets.includes(name)) skipped[name] = reason;
    note(`${reason}: BBC sets skipped.`);
    text.push('', `(${reason}: BBC sets skipped)`);
  } else if (wantsBbc) {
    const prepared = await prepareIndex(deps.bbcDir, path.join(cache, 'bbc'), embedder);
    note(
      `BBC index ready in ${prepared.seconds.toFixed(2)} s (${prepared.embedded} passages embedded)`,
    );
    if (args.sets.includes('bbc')) {
      const qa = await readQaSet(path.join(deps.root, 'test/fixtures/bbc-qa.json'));
      const target = await openEvalCoverage(prepared.index, embedder);
      const results = await evaluateQaSet(target, qa, args.halves);
      const set = summariseSet(results.answerable, results.offTopic, args.verbose);
      text.push('', formatSet('BBC questions (test/fixtures/bbc-qa.json)', set));
      if (args.ablations) {
        const rows = await ablateQaSet(
          prepared.index,
          embedder,
          qa.onTopic.filter((q) => args.halves.includes(q.half)),
        );
        text.push('', formatAblations('BBC questions, top 3, gate open', rows));
        sets.bbc = { ...set, ablations: rows };
      } else sets.bbc = set;
    }
    if (args.sets.includes('headlines')) {
      const untitled = withoutTitles(prepared.index);
      const queries = sampleHeadlines(untitled.articles.values());
      const target = await openEvalCoverage(untitled, embedder);
      const results: AnswerableResult[] = await evaluateHeadlines(target, queries, args.halves);
      const set = summariseSet(results, undefined, args.verbose);
      text.push(
        '',
        formatSet(
          `BBC headline→article (${results.length} titles, not indexed; top 10, by article)`,
          set,
          {
            mrr: 'MRR@10',
          },
        ),
      );
      if (args.ablations) {
        const rows = await ablateHeadlines(
          untitled,
          embedder,
          queries.filter((q) => args.halves.includes(q.half)),
        );
        text.push('', formatAblations('headline→article, ranking alone', rows, 'MRR@10'));
        sets.headlines = { ...set, ablations: rows };
      } else sets.headlines = set;
    }
  }
  return {
    model: { id: embedder.id, dimensions: embedder.dimensions },
    halves: args.halves,
    sets,
    skipped,
    text: text.join('\n'),
  };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  runEvalCli(process.argv.slice(2), defaultEvalDeps(root)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${isUserError(error) ? error.message : String((error as Error).stack ?? error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

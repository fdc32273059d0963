import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCoreConfig, type CoreConfig } from '../config.js';
import { formatHelp, parseFlags, type FlagSpecs } from './args.js';
import type { Coverage } from '../app/coverage.js';
import { openCoverage } from '../app/open-coverage.js';
import { isUserError, UserError } from '../errors.js';
import { stderrLogger, type Logger } from '../log.js';
import { JSON_TOP, jsonLine, toAnswerJson, type AnswerJson } from '../present/answer-json.js';
import { DEFAULT_ANSWER_OPTIONS } from '../retrieve/answer-options.js';
import { ANSI, formatAnswerText, PLAIN } from '../present/answer-text.js';
import { formatSourcesText } from '../present/sources-text.js';
import { coverageAsOf } from '../retrieve/source-order.js';

const USAGE = `Usage: npm run ask -- [options] "question"

Answers a question from the coverage with quoted, sourced excerpts. For output that a script
reads (--json, --batch), run npm with -s so that its banner stays off stdout:
  npm run -s ask -- --json "question" | python3 -m json.tool`;

export const ASK_FLAGS = {
  json: { type: 'boolean', description: 'print one JSON object (stdout holds only JSON)' },
  top: {
    type: 'string',
    valueName: 'N',
    description: `results at most (1–10, default ${DEFAULT_ANSWER_OPTIONS.top}; ${JSON_TOP} with --json)`,
  },
  source: { type: 'string', valueName: 'ID', description: 'only this article id or outlet name' },
  batch: {
    type: 'string',
    valueName: 'FILE',
    description:
      'one question per line; prints one JSON line per line, in order (a blank one gets an error)',
  },
  sources: { type: 'boolean', description: 'list the articles in the coverage' },
  index: {
    type: 'string',
    valueName: 'DIR',
    description: 'index folder (default data/index, or INDEX_DIR)',
  },
  data: {
    type: 'string',
    valueName: 'DIR',
    description: 'articles to index on first use (default data/articles, or DATA_DIR)',
  },
  model: {
    type: 'string',
    valueName: 'ID',
    description: "embedding model (default: the index's own; see README)",
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies FlagSpecs;

interface AskArgs {
  readonly question: string;
  readonly json: boolean;
  readonly top: number;
  readonly source: string | undefined;
  readonly batch: string | undefined;
  readonly listSources: boolean;
  readonly config: CoreConfig;
}

function parse(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): AskArgs | 'help' {
  const { values, positionals } = parseFlags(argv, ASK_FLAGS, {
    allowPositionals: true,
    command: 'npm run ask --',
  });
  if (values.help) return 'help';
  const fallback = values.json === true ? JSON_TOP : DEFAULT_ANSWER_OPTIONS.top;
  const top = values.top === undefined ? fallback : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10) {
    throw new UserError(`--top takes a whole number from 1 to 10, not "${values.top}".`);
  }
  const question = positionals.join(' ').trim();
  if (question === '' && values.batch === undefined && !values.sources) {
    throw new UserError(
      `Ask a question, e.g. npm run ask -- "What did Vance say?"\n\n${formatHelp(USAGE, ASK_FLAGS)}`,
    );
  }
  return {
    question,
    json: values.json === true,
    top,
    source: values.source,
    batch: values.batch,
    listSources: values.sources === true,
    // Flags override their variable and are remembered as flags, for messages and hints.
    config: loadCoreConfig(env, cwd, values),
  };
}

async function askOne(coverage: Coverage, args: AskArgs, question: string): Promise<AnswerJson> {
  try {
    const answer = await coverage.ask(question, {
      top: args.top,
      ...(args.source === undefined ? {} : { source: args.source }),
    });
    return toAnswerJson(answer);
  } catch (error) {
    // In a batch one bad line must not stop the others: it gets its own error line.
    if (!isUserError(error)) throw error;
    return { question, answered: false, results: [], error: error.message };
  }
}

/**
 * The questions of a `--batch` file, one per line, blank lines included (as empty questions,
 * which get an error line) so that output line N always answers input line N. A final line
 * break ends the last line; it does not start an empty one.
 */
export function batchQuestions(text: string): string[] {
  if (text === '') return [];
  return text
    .replace(/\r?\n$/u, '')
    .split(/\r?\n/u)
    .map((line) => line.trim());
}

/** What the CLI needs from the outside world; tests pass their own. */
export interface AskCliDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly log: Logger;
  /** Answers, JSON and `--help`; styled when it is a terminal. */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly openCoverage: (config: CoreConfig, log: Logger) => Promise<Coverage>;
}

/**
 * Runs `npm run ask` with `argv` and returns the exit code: 0 when answered (or when the
 * coverage does not say), 1 on a user error (reported through `deps.log`). Internal errors
 * are thrown.
 */
export async function runAskCli(argv: readonly string[], deps: AskCliDeps): Promise<number> {
  const { stdout } = deps;
  try {
    const args = parse(argv, deps.env, deps.cwd);
    if (args === 'help') {
      stdout.write(`${formatHelp(USAGE, ASK_FLAGS)}\n`);
      return 0;
    }
    // Read before the model loads: a wrong path should not cost seconds.
    const batch =
      args.batch === undefined
        ? undefined
        : await readFile(path.resolve(deps.cwd, args.batch), 'utf8').catch((error: unknown) => {
            throw new UserError(
              `Cannot read --batch file ${args.batch}: ${(error as Error).message}`,
            );
          });
    const coverage = await deps.openCoverage(args.config, deps.log);
    try {
      return await answer(coverage, args, batch, stdout);
    } finally {
      await coverage.close();
    }
  } catch (error) {
    if (!isUserError(error)) throw error;
    deps.log.error(error.message);
    return 1;
  }
}

async function answer(
  coverage: Coverage,
  args: AskArgs,
  batch: string | undefined,
  stdout: AskCliDeps['stdout'],
): Promise<number> {
  if (args.listSources) {
    const sources = coverage.sources();
    stdout.write(args.json ? `${jsonLine(sources)}\n` : formatSourcesText(sources));
    return 0;
  }
  if (batch !== undefined) {
    for (const question of batchQuestions(batch)) {
      stdout.write(`${jsonLine(await askOne(coverage, args, question))}\n`);
    }
    return 0;
  }
  if (args.json) {
    const result = await askOne(coverage, args, args.question);
    stdout.write(`${jsonLine(result)}\n`);
    return result.error === undefined ? 0 : 1;
  }
  const result = await coverage.ask(args.question, {
    top: args.top,
    ...(args.source === undefined ? {} : { source: args.source }),
  });
  stdout.write(
    formatAnswerText(result, stdout.isTTY === true ? ANSI : PLAIN, {
      coverageAsOf: coverageAsOf(coverage.sources()),
    }),
  );
  return 0;
}

async function main(): Promise<void> {
  // quiet: stdout must hold only the answer (or only JSON with --json).
  (await import('dotenv')).config({ quiet: true });
  try {
    process.exitCode = await runAskCli(process.argv.slice(2), {
      env: process.env,
      cwd: process.cwd(),
      log: stderrLogger,
      stdout: process.stdout,
      openCoverage: (config, log) => openCoverage(config, log),
    });
  } catch (error) {
    stderrLogger.error('unexpected failure', error);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}

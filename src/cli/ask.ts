import dotenv from 'dotenv';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCoreConfig, type CoreConfig } from '../config.js';
import { formatHelp, parseFlags, type FlagSpecs } from './args.js';
import type { Coverage } from '../app/coverage.js';
import { openCoverage } from '../app/open-coverage.js';
import { isUserError, UserError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { toAnswerJson, type AnswerJson } from '../present/answer-json.js';
import { ANSI, formatAnswerText, PLAIN } from '../present/answer-text.js';
import { formatSourcesText } from '../present/sources-text.js';
import { coverageAsOf } from '../retrieve/source-order.js';

const USAGE = `Usage: npm run ask -- [options] "question"

Answers a question from the coverage with quoted, sourced excerpts.`;

export const ASK_FLAGS = {
  json: { type: 'boolean', description: 'print one JSON object (stdout holds only JSON)' },
  top: { type: 'string', valueName: 'N', description: 'results at most (1–10, default 3)' },
  source: { type: 'string', valueName: 'ID', description: 'only this article id or outlet name' },
  batch: {
    type: 'string',
    valueName: 'FILE',
    description: 'one question per line; prints one JSON line per question, in order',
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

function parse(argv: readonly string[]): AskArgs | 'help' {
  const { values, positionals } = parseFlags(argv, ASK_FLAGS, {
    allowPositionals: true,
    command: 'npm run ask --',
  });
  if (values.help) return 'help';
  const top = values.top === undefined ? 3 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10) {
    throw new UserError(`--top takes a whole number from 1 to 10, not "${values.top}".`);
  }
  const question = positionals.join(' ').trim();
  if (question === '' && values.batch === undefined && !values.sources) {
    throw new UserError(
      `Ask a question, e.g. npm run ask -- "What did Vance say?"\n\n${formatHelp(USAGE, ASK_FLAGS)}`,
    );
  }
  const env = {
    ...process.env,
    ...(values.index === undefined ? {} : { INDEX_DIR: values.index }),
    ...(values.data === undefined ? {} : { DATA_DIR: values.data }),
    ...(values.model === undefined ? {} : { EMBEDDING_MODEL: values.model }),
  };
  return {
    question,
    json: values.json === true,
    top,
    source: values.source,
    batch: values.batch,
    listSources: values.sources === true,
    config: loadCoreConfig(env),
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

async function run(argv: readonly string[]): Promise<number> {
  // quiet: stdout must hold only the answer (or only JSON with --json).
  dotenv.config({ quiet: true });
  const args = parse(argv);
  if (args === 'help') {
    process.stdout.write(`${formatHelp(USAGE, ASK_FLAGS)}\n`);
    return 0;
  }
  const coverage = await openCoverage(args.config, stderrLogger);
  try {
    if (args.listSources) {
      const sources = coverage.sources();
      if (args.json) process.stdout.write(`${JSON.stringify(sources)}\n`);
      else process.stdout.write(formatSourcesText(sources));
      return 0;
    }
    if (args.batch !== undefined) {
      const text = await readFile(path.resolve(args.batch), 'utf8').catch((error: unknown) => {
        throw new UserError(`Cannot read --batch file ${args.batch}: ${String(error)}`);
      });
      const questions = text
        .split(/\r?\n/u)
        .map((line) => line.trim())
        .filter((line) => line !== '');
      for (const question of questions) {
        process.stdout.write(`${JSON.stringify(await askOne(coverage, args, question))}\n`);
      }
      return 0;
    }
    if (args.json) {
      const answer = await askOne(coverage, args, args.question);
      process.stdout.write(`${JSON.stringify(answer)}\n`);
      return answer.error === undefined ? 0 : 1;
    }
    const answer = await coverage.ask(args.question, {
      top: args.top,
      ...(args.source === undefined ? {} : { source: args.source }),
    });
    process.stdout.write(
      formatAnswerText(answer, process.stdout.isTTY ? ANSI : PLAIN, {
        coverageAsOf: coverageAsOf(coverage.sources()),
      }),
    );
    return 0;
  } finally {
    await coverage.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isUserError(error)) {
      stderrLogger.error(error.message);
    } else {
      stderrLogger.error('unexpected failure', error);
    }
    process.exitCode = 1;
  },
);

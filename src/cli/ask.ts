import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCoreConfig, type CoreConfig } from '../config.js';
import type { Coverage } from '../app/coverage.js';
import { openCoverage } from '../app/open-coverage.js';
import { isUserError, UserError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { toAnswerJson, type AnswerJson } from '../present/answer-json.js';
import { ANSI, describeSource, formatAnswerText, PLAIN } from '../present/answer-text.js';

const USAGE = `Usage: npm run ask -- [options] "question"

Answers a question from the coverage with quoted, sourced excerpts.

Options:
  --json            print one JSON object (stdout holds only JSON)
  --top N           results at most (1–10, default 3)
  --source ID       only this article id or outlet name
  --batch FILE      one question per line; prints one JSON line per question, in order
  --sources         list the articles in the coverage
  --index DIR       index folder (default data/index, or INDEX_DIR)
  --data DIR        articles to index on first use (default data/articles, or DATA_DIR)
  --model ID        embedding model (default: the index's own; see README)
  -h, --help        show this help
`;

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
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      top: { type: 'string' },
      source: { type: 'string' },
      batch: { type: 'string' },
      sources: { type: 'boolean', default: false },
      index: { type: 'string' },
      data: { type: 'string' },
      model: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const top = values.top === undefined ? 3 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 10) {
    throw new UserError(`--top takes a whole number from 1 to 10, not "${values.top}".`);
  }
  const question = positionals.join(' ').trim();
  if (question === '' && values.batch === undefined && !values.sources) {
    throw new UserError(`Ask a question, e.g. npm run ask -- "What did Vance say?"\n\n${USAGE}`);
  }
  const env = {
    ...process.env,
    ...(values.index === undefined ? {} : { INDEX_DIR: values.index }),
    ...(values.data === undefined ? {} : { DATA_DIR: values.data }),
    ...(values.model === undefined ? {} : { EMBEDDING_MODEL: values.model }),
  };
  return {
    question,
    json: values.json,
    top,
    source: values.source,
    batch: values.batch,
    listSources: values.sources,
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
  const args = parse(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const coverage = await openCoverage(args.config, stderrLogger);
  try {
    if (args.listSources) {
      const sources = coverage.sources();
      if (args.json) process.stdout.write(`${JSON.stringify(sources)}\n`);
      else for (const s of sources) process.stdout.write(`${s.id}  ${describeSource(s)}\n`);
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
    process.stdout.write(formatAnswerText(answer, process.stdout.isTTY ? ANSI : PLAIN));
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
    if (isUserError(error) || (error instanceof TypeError && 'code' in error)) {
      // UserError, or parseArgs rejecting a flag (ERR_PARSE_ARGS_*): the message says it all.
      stderrLogger.error((error as Error).message);
    } else {
      stderrLogger.error('unexpected failure', error);
    }
    process.exitCode = 1;
  },
);

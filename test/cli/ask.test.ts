import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/app/coverage.js';
import { currentPipeline } from '../../src/app/ingest-corpus.js';
import { openCoverage } from '../../src/app/open-coverage.js';
import { batchQuestions, runAskCli, type AskCliDeps } from '../../src/cli/ask.js';
import { JSON_TOP } from '../../src/present/answer-json.js';
import { loadCoreConfig } from '../../src/config.js';
import { memoryLogger } from '../../src/log.js';
import { REPO_ROOT, SEED_ARTICLES } from '../helpers/seed-coverage.js';

let scratch: string;
let indexDir: string;
/** Opened once from the index the first test builds; the CLI's `close` leaves it open. */
let shared: Coverage | undefined;

const ENV = { EMBEDDING_MODEL: 'bundled', DATA_DIR: SEED_ARTICLES } as const;

interface Run {
  code: number;
  stdout: string;
  log: string[];
}

/** Runs the ask CLI in this process, as `npm run ask -- …` would with the seed articles. */
async function ask(
  args: readonly string[],
  open: AskCliDeps['openCoverage'] = async () => ({ ...shared!, close: async () => {} }),
): Promise<Run> {
  let stdout = '';
  const log = memoryLogger();
  const code = await runAskCli(args, {
    env: ENV,
    cwd: REPO_ROOT,
    log,
    stdout: { write: (text: string) => (stdout += text) },
    openCoverage: open,
  });
  return { code, stdout, log: log.lines };
}

interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command as a user's shell would, for what only a process has (stdout, exit code). */
function spawnRun(command: string, args: readonly string[]): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...ENV } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'coverage-ask-'));
  indexDir = path.join(scratch, 'index');
});
afterAll(async () => {
  await shared?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('runAskCli', () => {
  it('GIVEN no index yet THEN the first ask builds it, says so, and answers', async () => {
    const run = await ask(['--index', indexDir, 'Where did Trump and Putin meet?'], openCoverage);
    expect(run.code).toBe(0);
    expect(run.log.join('\n')).toMatch(/No index .* building it/);
    expect(run.stdout).toMatch(/Alaska/);
    shared = await openCoverage(loadCoreConfig({ ...ENV, INDEX_DIR: indexDir }, REPO_ROOT), {
      ...memoryLogger(),
    });
  });

  it('GIVEN an index built by an earlier version THEN ask rebuilds it from its articles, says so, and answers', async () => {
    const old = path.join(scratch, 'old-index');
    await cp(indexDir, old, { recursive: true });
    // What an index of an earlier BM25 layout looks like: its manifest and lexical.json say so.
    const manifestFile = path.join(old, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
      pipeline: Record<string, unknown>;
    };
    manifest.pipeline.lexicalVersion = 1;
    await writeFile(manifestFile, JSON.stringify(manifest));
    const lexicalFile = path.join(old, 'lexical.json');
    const lexical = JSON.parse(await readFile(lexicalFile, 'utf8')) as { version: number };
    await writeFile(lexicalFile, JSON.stringify({ ...lexical, version: 1 }));

    const run = await ask(['--index', old, 'Where did Trump and Putin meet?'], openCoverage);
    expect(run.code).toBe(0);
    expect(run.log.join('\n')).toMatch(
      /built by an earlier version of coverage-bot: rebuilding it/,
    );
    expect(run.stdout).toMatch(/Alaska/);
    const rebuilt = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof manifest;
    expect(rebuilt.pipeline).toEqual(currentPipeline());
  });

  it('GIVEN a gate stored by an earlier gate version THEN ask fits one for the run, says how to store it, and answers', async () => {
    const stale = path.join(scratch, 'stale-gate');
    await cp(indexDir, stale, { recursive: true });
    const manifestFile = path.join(stale, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
      gate: { version: number };
    };
    manifest.gate.version -= 1;
    await writeFile(manifestFile, JSON.stringify(manifest));

    const run = await ask(['--index', stale, 'Where did Trump and Putin meet?'], openCoverage);
    expect(run.code).toBe(0);
    expect(run.log.join('\n')).toMatch(
      /gate stored in .* was fitted by an earlier version .*fitting one for this run\. To store it: npm run ingest -- --index/,
    );
    expect(run.stdout).toMatch(/Alaska/);
    // A read: the index is left as it was.
    expect(JSON.parse(await readFile(manifestFile, 'utf8'))).toEqual(manifest);
  });

  it('GIVEN --json THEN stdout holds exactly one JSON object of the documented shape', async () => {
    const run = await ask(['--json', '--top', '2', 'Who is Adam Schiff?']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(answer).toMatchObject({ question: 'Who is Adam Schiff?', answered: true });
    const results = answer.results as Record<string, unknown>[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(2);
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(
        ['alsoReportedBy', 'highlight', 'score', 'source', 'text'].sort(),
      );
      expect(result.source).toEqual(
        expect.objectContaining({ id: expect.any(String), title: expect.any(String) }),
      );
    }
  });

  it('GIVEN --json without --top THEN up to JSON_TOP results; the terminal shows the usual three', async () => {
    const json = JSON.parse((await ask(['--json', 'What did Vance say?'])).stdout) as {
      results: unknown[];
    };
    expect(json.results).toHaveLength(JSON_TOP);
    const text = await ask(['What did Vance say?']);
    expect(text.stdout.match(/^\d+\. /gmu)).toHaveLength(3);
  });

  it('GIVEN --batch THEN one JSON line per input line, in order, blank and bad lines included', async () => {
    const questions = [
      'What is the capital of Australia?',
      'What did Lavrov say about the factory?',
      '',
      'x'.repeat(600),
      '   ',
      'Did Zelenskyy ask for sanctions?',
    ];
    const file = path.join(scratch, 'questions.txt');
    await writeFile(file, `${questions.join('\r\n')}\n`);
    const run = await ask(['--batch', file]);
    expect(run.code).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { question: string; answered: boolean; error?: string });
    expect(answers.map((a) => a.question)).toEqual(questions.map((q) => q.trim()));
    expect(answers[0]!.answered).toBe(false);
    expect(answers[1]!.answered).toBe(true);
    expect(answers[2]!.error).toMatch(/empty/);
    expect(answers[3]!.error).toMatch(/500/);
    expect(answers[4]!.error).toMatch(/empty/);
    expect(answers[5]!.answered).toBe(true);
  });

  it('GIVEN a missing --batch file THEN exit 1 naming it, before any model loads', async () => {
    const run = await ask(['--batch', 'no-such-questions.txt'], () => {
      throw new Error('the coverage must not be opened');
    });
    expect(run.code).toBe(1);
    expect(run.log.join('\n')).toMatch(/no-such-questions\.txt/);
    expect(run.stdout).toBe('');
  });

  it('GIVEN an unknown source THEN exit 1 with a message naming it', async () => {
    const run = await ask(['--source', 'Nowhere Times', 'Vance?']);
    expect(run.code).toBe(1);
    expect(run.log.join('\n')).toMatch(/Nowhere Times/);
    expect(run.stdout).toBe('');
  });

  it('GIVEN --sources THEN a summary line, then one line per article', async () => {
    const run = await ask(['--sources']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${shared!.sources().length} articles`);
    expect(lines.slice(1)).toHaveLength(shared!.sources().length);
  });
});

describe('batchQuestions', () => {
  it('GIVEN lines THEN one question per line; a final line break adds none', () => {
    expect(batchQuestions('')).toEqual([]);
    expect(batchQuestions('a\n')).toEqual(['a']);
    expect(batchQuestions('a\n\n b \r\n')).toEqual(['a', '', 'b']);
    expect(batchQuestions('\n')).toEqual(['']);
  });
});

// Only a process shows what a script sees: npm's own output, stdout purity, exit codes.
describe('the ask command as a script runs it', () => {
  it("GIVEN the README's --json command THEN stdout parses as JSON, as json.tool needs", async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const documented = /^npm run (-s )?ask -- --json "([^"]+)" \| python3 -m json\.tool$/mu.exec(
      readme,
    );
    expect(documented, 'README shows the --json command piped to json.tool').not.toBeNull();
    const [, silent, question] = documented!;
    const npmArgs = ['run', ...(silent === undefined ? [] : ['-s']), 'ask', '--'];
    const run = await spawnRun('npm', [...npmArgs, '--index', indexDir, '--json', question!]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ question, answered: true });
  });

  it('GIVEN plain npm run ask THEN npm prints no warning of its own (no unknown .npmrc key)', async () => {
    const run = await spawnRun('npm', ['run', 'ask', '--', '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/npm warn/i);
  });

  it('GIVEN an unknown flag THEN exit 1, the flag named on stderr and nothing on stdout', async () => {
    const run = await spawnRun('npm', ['run', '-s', 'ask', '--', '--frobnicate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/frobnicate/);
    expect(run.stdout).toBe('');
  });
});

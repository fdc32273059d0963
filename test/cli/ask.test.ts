import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SEED_ARTICLES } from '../helpers/seed-coverage.js';

let scratch: string;
let indexDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run ask -- …` as a user would (through tsx), with the bundled model. */
function ask(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/ask.ts'), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, EMBEDDING_MODEL: 'bundled', DATA_DIR: SEED_ARTICLES },
      },
    );
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
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('npm run ask', () => {
  it('GIVEN no index yet THEN the first ask builds it, says so on stderr, and answers', async () => {
    const run = await ask(['--index', indexDir, 'Where did Trump and Putin meet?']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/No index .* building it/);
    expect(run.stdout).toMatch(/Alaska/);
  });

  it('GIVEN --json THEN stdout holds exactly one JSON object of the documented shape', async () => {
    const run = await ask(['--index', indexDir, '--json', '--top', '2', 'Who is Adam Schiff?']);
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

  it('GIVEN --batch THEN one JSON line per question, in the file order, bad lines included', async () => {
    const questions = [
      'What is the capital of Australia?',
      'What did Lavrov say about the factory?',
      'x'.repeat(600),
      'Did Zelenskyy ask for sanctions?',
    ];
    const file = path.join(scratch, 'questions.txt');
    await writeFile(file, `${questions.join('\n')}\n\n`);
    const run = await ask(['--index', indexDir, '--batch', file]);
    expect(run.code).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { question: string; answered: boolean; error?: string });
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(answers[0]!.answered).toBe(false);
    expect(answers[1]!.answered).toBe(true);
    expect(answers[2]!.error).toMatch(/500/);
    expect(answers[3]!.answered).toBe(true);
  });

  it('GIVEN an unknown source THEN exit 1 with a message naming it', async () => {
    const run = await ask(['--index', indexDir, '--source', 'Nowhere Times', 'Vance?']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nowhere Times/);
    expect(run.stdout).toBe('');
  });

  it('GIVEN an unknown flag THEN exit 1 and a pointer to --help', async () => {
    const run = await ask(['--frobnicate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/frobnicate/);
  });
});

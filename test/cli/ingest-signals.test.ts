import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

/**
 * Ctrl-C or SIGTERM during `npm run ingest`: one behaviour, always reported. The run stops,
 * the previous index stays as it was, no temp folder is left, one line says so, and the exit
 * code is 128 + the signal — whether the signal goes to the whole process group (Ctrl-C in a
 * terminal) or only to the process (`timeout`, `kill`). The real CLI is spawned on a generated
 * corpus large enough that embedding it takes seconds; each signal is sent once the CLI has
 * reported embedding progress (readiness, not a sleep).
 */

const repo = path.resolve(import.meta.dirname, '../..');
let root: string;
let articlesDir: string;
let indexDir: string;
let before: { articles: string[]; vectors: number[] };

const WORDS =
  'market council river goal bank rain crowd minister price school film vote harbour railway budget election storm museum'.split(
    ' ',
  );

async function snapshot() {
  const index = await openIndex(indexDir);
  return { articles: [...index.articles.keys()], vectors: Array.from(index.vectors) };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-signals-'));
  articlesDir = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  await mkdir(articlesDir);
  // 1,000 articles, 5,000 passages: ~2–7 s for the bundled model to embed.
  for (let a = 0; a < 1000; a++) {
    const paragraphs = Array.from({ length: 6 }, (_, p) =>
      Array.from(
        { length: 6 },
        (_, k) =>
          `Report ${a} says the ${WORDS[(a + p + k) % WORDS.length]} and the ${WORDS[(a * k + p) % WORDS.length]} moved on day ${k} of week ${p}.`,
      ).join(' '),
    );
    await writeFile(
      path.join(articlesDir, `gen-${a}.txt`),
      `Generated story ${a}\n\n${paragraphs.join('\n\n')}\n`,
    );
  }
  // The previous index, built with another model, so the CLI run must re-embed everything.
  await ingestCorpus({ articlesDir, indexDir, embedder: fakeEmbedder(), log: memoryLogger() });
  before = await snapshot();
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/**
 * Spawns the ingest CLI as `command`, waits until it reports embedding progress, then sends
 * `signal` to its process group or only to the process itself.
 */
async function interrupt(
  command: readonly string[],
  signal: NodeJS.Signals,
  target: 'group' | 'process',
): Promise<Outcome> {
  const [file, ...args] = command;
  const child = spawn(
    file!,
    [...args, '--data', articlesDir, '--index', indexDir, '--model', 'bundled'],
    { cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let sent = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (!sent && /Embedding passages: 0\//.test(output)) {
      sent = true;
      if (target === 'group') process.kill(-child.pid!, signal);
      else child.kill(signal);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return await new Promise((resolve) =>
    child.on('close', (code, exitSignal) => resolve({ code, signal: exitSignal, output })),
  );
}

/**
 * Checks the one behaviour: stopped, said so, previous index intact, no temp folder. `exit` is
 * how the spawned command ended: npm re-raises the signal on itself after its script stopped
 * (the shell shows 128 + signal either way), the CLI itself exits with 128 + signal.
 */
async function expectStoppedCleanly(
  outcome: Outcome,
  exit: { code: number } | { signal: NodeJS.Signals },
): Promise<void> {
  const said = outcome.output;
  if ('code' in exit) expect(outcome.code, said).toBe(exit.code);
  else expect(outcome.signal ?? outcome.code, said).toBe(exit.signal);
  expect(said).toMatch(/Stopping…/);
  expect(said).toContain(`Stopped: the previous index in ${indexDir} is unchanged.`);
  expect(said).not.toMatch(/Indexed \d+ articles/);
  expect(await snapshot()).toEqual(before);
  expect((await readdir(root)).sort()).toEqual(['articles', 'index']);
}

const npmRun = ['npm', 'run', '--silent', 'ingest', '--'];
const node = [process.execPath, '--import', 'tsx', 'src/cli/ingest.ts'];

describe('a signal during an ingest', () => {
  it('GIVEN Ctrl-C to the process group of `npm run ingest` THEN it stops, keeps the index and says so', async () => {
    await expectStoppedCleanly(await interrupt(npmRun, 'SIGINT', 'group'), { signal: 'SIGINT' });
  }, 60_000);

  it('GIVEN SIGTERM to the npm process only THEN the orphaned ingest stops the same way', async () => {
    await expectStoppedCleanly(await interrupt(npmRun, 'SIGTERM', 'process'), {
      signal: 'SIGTERM',
    });
  }, 60_000);

  it('GIVEN SIGINT to the CLI process only THEN it stops the same way and exits 130', async () => {
    await expectStoppedCleanly(await interrupt(node, 'SIGINT', 'process'), { code: 130 });
  }, 60_000);

  it('GIVEN SIGTERM to the process group of the CLI (as `timeout` sends it) THEN it stops the same way and exits 143', async () => {
    await expectStoppedCleanly(await interrupt(node, 'SIGTERM', 'group'), { code: 143 });
  }, 60_000);
});

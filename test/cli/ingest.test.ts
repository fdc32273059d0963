import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_INTERRUPTED, runIngestCli, type IngestCliDeps } from '../../src/cli/ingest.js';
import type { LoadEmbedderOptions } from '../../src/embed/load-embedder.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

/** The five seed articles as scraped (.txt); `data/articles` holds them as Markdown. */
const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-cli-'));
  await mkdir(path.join(root, 'articles'));
  for (const name of await readdir(SEEDS)) {
    await copyFile(path.join(SEEDS, name), path.join(root, 'articles', name));
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function cli(extra: Partial<IngestCliDeps> = {}) {
  const log = memoryLogger();
  const printed: string[] = [];
  const loads: LoadEmbedderOptions[] = [];
  const deps: IngestCliDeps = {
    env: {},
    cwd: root,
    log,
    stderr: { isTTY: false } as NodeJS.WriteStream,
    loadEmbedder: async (options) => {
      loads.push(options);
      return fakeEmbedder(options.model ?? 'test/default');
    },
    print: (text) => printed.push(text),
    ...extra,
  };
  return { deps, log, printed, loads, run: (...argv: string[]) => runIngestCli(argv, deps) };
}

const DIRS = ['--data', 'articles', '--index', 'idx'];

describe('npm run ingest', () => {
  it('GIVEN --help THEN it prints every flag and exits 0', async () => {
    const { run, printed } = cli();
    expect(await run('--help')).toBe(0);
    for (const flag of [
      '--data DIR',
      '--index DIR',
      '--model ID',
      '--force',
      '--quiet',
      '--help',
    ]) {
      expect(printed.join('\n')).toContain(flag);
    }
  });

  it('GIVEN an unknown flag THEN it exits 1 and points to --help', async () => {
    const { run, log } = cli();
    expect(await run('--frobnicate')).toBe(1);
    expect(log.lines.join('\n')).toMatch(/frobnicate[\s\S]*--help/);
  });

  it('GIVEN a first then an unchanged second run THEN it builds, then says nothing changed', async () => {
    const first = cli();
    expect(await first.run(...DIRS)).toBe(0);
    const firstLog = first.log.lines.join('\n');
    expect(firstLog).toMatch(/Indexed 5 articles \(\d+ passages\) into .*idx/);
    expect(firstLog).toMatch(/Embedding passages: 0\/\d+/);
    expect((await openIndex(path.join(root, 'idx'))).articles.size).toBe(5);

    const second = cli();
    expect(await second.run(...DIRS)).toBe(0);
    expect(second.log.lines.join('\n')).toMatch(/Nothing changed: 5 articles .* embedded 0/);
  });

  it('GIVEN no --model THEN the default is loaded with fallback, later the index model explicitly', async () => {
    const first = cli();
    await first.run(...DIRS);
    expect(first.loads[0]).toMatchObject({ explicit: false });
    expect(first.loads[0]!.model).toBeUndefined();

    // Nothing changed: the index's model is not even loaded.
    const second = cli();
    await second.run(...DIRS);
    expect(second.loads).toEqual([]);
    expect(second.log.lines.join('\n')).toMatch(/up to date/);

    // Something to embed: the index's model, explicitly (no silent swap to another model).
    await writeFile(path.join(root, 'articles', 'extra.txt'), 'Extra\n\nA short extra article.\n');
    const changed = cli();
    await changed.run(...DIRS);
    expect(changed.loads[0]).toMatchObject({ model: 'test/default', explicit: true });

    const third = cli({ env: { EMBEDDING_MODEL: 'test/from-env' } });
    await third.run(...DIRS, '--model', 'test/from-flag');
    expect(third.loads[0]).toMatchObject({ model: 'test/from-flag', explicit: true });
    expect(third.log.lines.join('\n')).toMatch(/model changed from test\/default/);
  });

  it('GIVEN config from the environment THEN DATA_DIR and INDEX_DIR are used', async () => {
    const { run } = cli({ env: { DATA_DIR: 'articles', INDEX_DIR: 'env-index' } });
    expect(await run()).toBe(0);
    expect((await openIndex(path.join(root, 'env-index'))).articles.size).toBe(5);
  });

  it('GIVEN a skipped file THEN the summary lists it with its reason and the exit code is 0', async () => {
    await writeFile(path.join(root, 'articles', 'blank.md'), '   \n');
    const { run, log } = cli();
    expect(await run(...DIRS)).toBe(0);
    expect(log.lines.join('\n')).toMatch(/Skipped 1 file:\n.*blank\.md: .*white space/);
  });

  it('GIVEN nothing ingestible THEN it exits 1 with the reasons', async () => {
    await rm(path.join(root, 'articles'), { recursive: true });
    await mkdir(path.join(root, 'articles'));
    const { run, log } = cli();
    expect(await run(...DIRS)).toBe(1);
    expect(log.lines.join('\n')).toMatch(/error: Nothing could be ingested/);
  });

  it('GIVEN Ctrl-C THEN it exits 130 and says the previous index is unchanged', async () => {
    expect(await cli().run(...DIRS)).toBe(0);
    const controller = new AbortController();
    const { run, log } = cli({
      signal: controller.signal,
      loadEmbedder: async () => {
        const embedder = fakeEmbedder('test/other');
        embedder.beforeBatch = () => controller.abort('SIGINT');
        return embedder;
      },
    });
    expect(await run(...DIRS, '--model', 'test/other', '--quiet')).toBe(EXIT_INTERRUPTED);
    expect(log.lines).toContain(
      `info: Stopped: the previous index in ${path.join(root, 'idx')} is unchanged.`,
    );
    expect((await openIndex(path.join(root, 'idx'))).manifest.model.id).toBe('test/default');
  });

  it('GIVEN SIGTERM before any index existed THEN it exits 143 and says no index was written', async () => {
    const controller = new AbortController();
    const { run, log } = cli({
      signal: controller.signal,
      loadEmbedder: async () => {
        const embedder = fakeEmbedder();
        embedder.beforeBatch = () => controller.abort('SIGTERM');
        return embedder;
      },
    });
    expect(await run(...DIRS)).toBe(143);
    expect(log.lines).toContain(
      `info: Stopped: no index was written to ${path.join(root, 'idx')}.`,
    );
    expect(await readdir(root)).toEqual(['articles']);
  });

  it('GIVEN a signal after the new index is in place THEN it says the index is complete and exits 130', async () => {
    const controller = new AbortController();
    const log = memoryLogger();
    const { run } = cli({
      signal: controller.signal,
      log: {
        ...log,
        info: (message) => {
          log.info(message);
          if (message.startsWith('Indexed ')) controller.abort('SIGINT');
        },
      },
    });
    expect(await run(...DIRS)).toBe(EXIT_INTERRUPTED);
    expect(log.lines.at(-1)).toBe(
      `info: Stopped, but only after the new index was in place: ${path.join(root, 'idx')} is complete.`,
    );
    expect((await openIndex(path.join(root, 'idx'))).articles.size).toBe(5);
  });

  it('GIVEN --quiet THEN only warnings and errors are logged', async () => {
    const { run, log } = cli();
    expect(await run(...DIRS, '--quiet')).toBe(0);
    expect(log.lines.filter((line) => line.startsWith('info:'))).toEqual([]);
  });

  it('GIVEN the script run directly THEN --help works through tsx', () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', '--help'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: npm run ingest');
  });
});

import { copyFile, mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { ingestInChildProcess } from '../../src/app/ingest-process.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { isUserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { SEED_ARTICLES } from '../helpers/seed-coverage.js';

let root: string;
let dataDir: string;
let indexDir: string;
let embedder: Embedder;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-ingest-child-'));
  dataDir = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  await mkdir(dataDir);
  for (const name of await readdir(SEED_ARTICLES)) {
    await copyFile(path.join(SEED_ARTICLES, name), path.join(dataDir, name));
  }
  embedder = await loadEmbedder({
    model: BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(root, 'models'),
    hubTimeoutMs: 1_000,
    warn: () => {},
  });
  await ingestCorpus({ articlesDir: dataDir, indexDir, embedder, log: memoryLogger() });
});
afterAll(async () => {
  await embedder?.dispose();
  await rm(root, { recursive: true, force: true });
});

const ingest = () =>
  ingestInChildProcess({
    dataDir,
    indexDir,
    modelCacheDir: path.join(root, 'models'),
    hubTimeoutMs: 1_000,
  });

describe('GIVEN an index of the seed articles and the ingest in a child process', () => {
  it('WHEN an article was added THEN the child embeds only it with the same model and returns the summary', async () => {
    await writeFile(
      path.join(dataDir, 'parade.md'),
      '---\ntitle: Zebra parade\n---\nThe town of Millbrook held its first zebra parade.\n',
    );
    const summary = await ingest()(embedder, new AbortController().signal);
    expect(summary).toMatchObject({ changed: true, articles: 6, removed: 0 });
    expect(summary.embedded).toBeGreaterThan(0);
    expect(summary.reused).toBeGreaterThan(0);
    const index = await openIndex(indexDir);
    expect(index.articles.has('parade')).toBe(true);
    expect(index.manifest.model.id).toBe(embedder.id);
  }, 60_000);

  it('WHEN nothing can be ingested THEN it rejects with the ingest’s own advice, as a user error', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const failure = await ingestInChildProcess({
      dataDir: empty,
      indexDir,
      modelCacheDir: path.join(root, 'models'),
      hubTimeoutMs: 1_000,
    })(embedder, new AbortController().signal).catch((error: unknown) => error);
    expect(isUserError(failure)).toBe(true);
    expect((failure as Error).message).toContain(`Nothing could be ingested from ${empty}`);
    // The index was left as it was.
    expect((await openIndex(indexDir)).articles.size).toBe(6);
  }, 60_000);

  it('WHEN aborted THEN the child is stopped and the promise rejects', async () => {
    await unlink(path.join(dataDir, 'parade.md'));
    const controller = new AbortController();
    const running = ingest()(embedder, controller.signal);
    controller.abort(new Error('closing'));
    await expect(running).rejects.toThrow();
  }, 60_000);
});

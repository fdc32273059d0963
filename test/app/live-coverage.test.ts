import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestCorpus, type IngestSummary } from '../../src/app/ingest-corpus.js';
import {
  openLiveCoverage,
  type LiveCoverage,
  type LiveCoverageOptions,
} from '../../src/app/live-coverage.js';
import { loadCoreConfig, type CoreConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import { memoryLogger } from '../../src/log.js';
import { SEED_ARTICLES } from '../helpers/seed-coverage.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

/** An article none of the seeds resembles, so only it can answer QUESTION. */
/** An article added after start-up (test/fixtures/live/parade.md). */
const PARADE = readFileSync(new URL('../fixtures/live/parade.md', import.meta.url), 'utf8');
const QUESTION = 'Which town held a zebra parade?';
const PARADE_ID = 'parade';

let root: string;
let config: CoreConfig;
let live: LiveCoverage | undefined;
const log = memoryLogger();

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-live-'));
  const dataDir = path.join(root, 'articles');
  await mkdir(dataDir);
  for (const name of await readdir(SEED_ARTICLES)) {
    await copyFile(path.join(SEED_ARTICLES, name), path.join(dataDir, name));
  }
  config = loadCoreConfig(
    {
      DATA_DIR: dataDir,
      INDEX_DIR: path.join(root, 'index'),
      MODEL_CACHE_DIR: path.join(root, 'models'),
      EMBEDDING_MODEL: 'bundled',
    },
    root,
  );
  log.lines.length = 0;
});

afterEach(async () => {
  await live?.close();
  live = undefined;
  await rm(root, { recursive: true, force: true });
});

async function open(options: LiveCoverageOptions = {}): Promise<LiveCoverage> {
  live = await openLiveCoverage(config, log, options);
  return live;
}

const addParade = () => writeFile(path.join(config.dataDir, `${PARADE_ID}.md`), PARADE);

function answeredFrom(answer: { results: readonly { source: { id: string } }[] }): string[] {
  return answer.results.map((result) => result.source.id);
}

/** The bundled model, with a gate that holds `embed` for one chosen text until released. */
async function gatedModel() {
  const model = await loadEmbedder({
    model: BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(root, 'models'),
    hubTimeoutMs: 1_000,
    warn: () => {},
  });
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = '';
  let arrived = () => {};
  const holding = new Promise<void>((resolve) => (arrived = resolve));
  const embedder: Embedder = {
    id: model.id,
    dimensions: model.dimensions,
    async embed(texts) {
      if (texts.includes(held)) {
        arrived();
        await released;
      }
      return model.embed(texts);
    },
    dispose: () => model.dispose(),
  };
  return {
    embedder,
    hold: (text: string) => {
      held = text;
      return holding;
    },
    release,
  };
}

describe('GIVEN a live coverage over the seed articles', () => {
  it('WHEN an article is added and refresh runs THEN new questions are answered from it, with one index left open', async () => {
    const coverage = await open();
    expect(answeredFrom(await coverage.ask(QUESTION))).not.toContain(PARADE_ID);
    const before = coverage.info().articles;

    await addParade();
    const report = await coverage.refresh();

    expect(report.outcome).toBe('swapped');
    expect(report.ingest?.embedded).toBeGreaterThan(0);
    expect(coverage.info().articles).toBe(before + 1);
    expect(answeredFrom(await coverage.ask(QUESTION))[0]).toBe(PARADE_ID);
    expect(coverage.sources()[0]?.id).toBe(PARADE_ID);
    await vi.waitFor(() => expect(coverage.openVersions()).toBe(1));
    expect(log.lines.some((line) => line.startsWith('info: Coverage updated: 6 articles'))).toBe(
      true,
    );
  });

  it('WHEN nothing changed THEN refresh reports unchanged and keeps the same index', async () => {
    const coverage = await open();
    const builtAt = coverage.info().builtAt;
    const report = await coverage.refresh();
    expect(report.outcome).toBe('unchanged');
    expect(report.ingest?.changed).toBe(false);
    expect(coverage.info().builtAt).toBe(builtAt);
    expect(coverage.openVersions()).toBe(1);
  });

  it('WHEN a question is in flight during a swap THEN it finishes on the old index while a new question sees the new article', async () => {
    const model = await gatedModel();
    const coverage = await open({ loadModel: async () => model.embedder });
    const holding = model.hold(QUESTION);
    const inFlight = coverage.ask(QUESTION);
    await holding;

    await addParade();
    expect((await coverage.refresh()).outcome).toBe('swapped');
    // The old index is still held by the question in flight.
    expect(coverage.openVersions()).toBe(2);
    const fresh = await coverage.ask('Where was the zebra parade held?');
    expect(answeredFrom(fresh)[0]).toBe(PARADE_ID);

    model.release();
    const old = await inFlight;
    expect(answeredFrom(old)).not.toContain(PARADE_ID);
    await vi.waitFor(() => expect(coverage.openVersions()).toBe(1));
  });

  it('WHEN the ingest fails (every article removed) THEN the current index keeps serving and the failure is logged', async () => {
    const coverage = await open();
    for (const name of await readdir(config.dataDir)) await unlink(path.join(config.dataDir, name));

    const report = await coverage.refresh();

    expect(report.outcome).toBe('failed');
    expect(log.lines.some((line) => line.includes('the current index keeps serving'))).toBe(true);
    const answer = await coverage.ask('Has Russia made concessions to end the war?');
    expect(answer.answered).toBe(true);
    expect(coverage.info().articles).toBe(5);
  });

  it('WHEN another process rebuilds the index with another model meanwhile THEN the bot keeps serving and says to restart', async () => {
    const coverage = await open({
      // Stands for `npm run ingest -- --force --model …` run between the ingest and the reopen.
      ingest: async (_embedder, signal) =>
        await ingestCorpus({
          articlesDir: config.dataDir,
          indexDir: config.indexDir,
          embedder: fakeEmbedder('test/other-model', 16),
          force: true,
          log: memoryLogger(),
          signal,
        }),
    });
    const report = await coverage.refresh();
    expect(report.outcome).toBe('failed');
    expect(log.lines.join('\n')).toContain('was rebuilt with test/other-model');
    expect(log.lines.join('\n')).toContain('Restart the bot');
    expect((await coverage.ask('Has Russia made concessions to end the war?')).answered).toBe(true);
    expect(coverage.openVersions()).toBe(1);
  });

  it('WHEN the fetch step fails THEN it is logged and manual edits are still ingested', async () => {
    const coverage = await open({
      fetchArticles: () => Promise.reject(new Error('feed host unreachable')),
    });
    await addParade();
    const report = await coverage.refresh();
    expect(report.outcome).toBe('swapped');
    expect((report.fetchError as Error).message).toBe('feed host unreachable');
    expect(log.lines.some((line) => line.includes('feed host unreachable'))).toBe(true);
    expect(answeredFrom(await coverage.ask(QUESTION))[0]).toBe(PARADE_ID);
  });

  it('WHEN the fetch step writes an article THEN the same refresh ingests it and reports what the fetch returned', async () => {
    const coverage = await open({
      fetchArticles: async () => {
        await addParade();
        return { added: 1 };
      },
    });
    const report = await coverage.refresh();
    expect(report).toMatchObject({ outcome: 'swapped', fetched: { added: 1 } });
    expect(answeredFrom(await coverage.ask(QUESTION))[0]).toBe(PARADE_ID);
    // The folder watcher's refreshes skip the fetch step.
    let fetches = 0;
    const again = await openLiveCoverage(config, memoryLogger(), {
      fetchArticles: async () => void (fetches += 1),
    });
    try {
      await again.refresh({ fetch: false });
      expect(fetches).toBe(0);
      await again.refresh();
      expect(fetches).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('WHEN refresh is called while one runs THEN ingests never overlap and the calls share one follow-up run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const ingest = async (embedder: Embedder, signal: AbortSignal): Promise<IngestSummary> => {
      running += 1;
      runs += 1;
      maxRunning = Math.max(maxRunning, running);
      try {
        return await ingestCorpus({
          articlesDir: config.dataDir,
          indexDir: config.indexDir,
          embedder,
          log,
          signal,
        });
      } finally {
        running -= 1;
      }
    };
    const coverage = await open({ ingest });
    await addParade();
    const first = coverage.refresh();
    const second = coverage.refresh();
    const third = coverage.refresh();
    expect(third).toBe(second);
    const reports = await Promise.all([first, second, third]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
    expect(reports.map((report) => report.outcome)).toEqual(['swapped', 'unchanged', 'unchanged']);
  });

  it('WHEN closed with a question in flight THEN close waits for it, and later questions are refused', async () => {
    const model = await gatedModel();
    const coverage = await open({ loadModel: async () => model.embedder });
    const holding = model.hold(QUESTION);
    const inFlight = coverage.ask(QUESTION);
    await holding;
    let closed = false;
    const closing = coverage.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    model.release();
    await expect(inFlight).resolves.toMatchObject({ question: QUESTION });
    await closing;
    expect(coverage.openVersions()).toBe(0);
    await expect(coverage.ask(QUESTION)).rejects.toThrow('closed');
    expect((await coverage.refresh()).outcome).toBe('closed');
    live = undefined;
  });
});

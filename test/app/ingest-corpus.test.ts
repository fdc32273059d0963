import { spawn } from 'node:child_process';
import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCorpus, type IngestOptions } from '../../src/app/ingest-corpus.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { GATE_VERSION } from '../../src/retrieve/gate.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder, type FakeEmbedder } from '../store/fake-embedder.js';

/** The five seed articles as scraped (.txt); `data/articles` holds them as Markdown. */
const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');

let root: string;
let articlesDir: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-ingest-'));
  articlesDir = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  await mkdir(articlesDir);
  for (const name of await readdir(SEEDS)) {
    await copyFile(path.join(SEEDS, name), path.join(articlesDir, name));
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function ingest(embedder: FakeEmbedder, extra: Partial<IngestOptions> = {}) {
  const log = memoryLogger();
  return {
    log,
    run: ingestCorpus({ articlesDir, indexDir, embedder, log, batchSize: 16, ...extra }),
  };
}

/** What a reader would get: article ids, passage ids and texts, and vectors. */
async function snapshot() {
  const index = await openIndex(indexDir);
  return {
    articles: [...index.articles.keys()],
    passages: index.passages.map((p) => [p.id, p.text]),
    vectors: Array.from(index.vectors),
  };
}

const SEED = '002_b45d3f6e0e8fc8f3';

describe('ingestCorpus', () => {
  it('GIVEN a fresh folder THEN every passage is embedded and the index opens with all articles', async () => {
    const embedder = fakeEmbedder();
    const summary = await ingest(embedder).run;

    expect(summary).toMatchObject({ articles: 5, reused: 0, removed: 0, changed: true });
    expect(summary.embedded).toBe(summary.passages);
    expect(summary.passages).toBeGreaterThan(5);
    const index = await openIndex(indexDir);
    expect(index.articles.size).toBe(5);
    expect(index.passages).toHaveLength(summary.passages);
    expect(index.manifest.model).toEqual({ id: embedder.id, dimensions: embedder.dimensions });
    expect(index.manifest.pipeline).toMatchObject({ cleaningVersion: expect.any(Number) });
    for (const passage of index.passages) {
      expect(index.articles.get(passage.articleId)!.text.slice(passage.start, passage.end)).toBe(
        passage.text,
      );
    }
  });

  it('GIVEN an unchanged folder THEN the second run embeds nothing, says so and rewrites nothing', async () => {
    await ingest(fakeEmbedder()).run;
    const before = await stat(path.join(indexDir, 'manifest.json'));
    const beforeState = await snapshot();

    const embedder = fakeEmbedder();
    const { log, run } = ingest(embedder);
    const summary = await run;

    expect(summary).toMatchObject({ changed: false, embedded: 0, articles: 5 });
    expect(embedder.calls).toBe(0);
    expect(log.lines.join('\n')).toMatch(/up to date: nothing to embed/);
    const after = await stat(path.join(indexDir, 'manifest.json'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await snapshot()).toEqual(beforeState);
  });

  it('GIVEN an index whose files were read the older way THEN their fields are read again, nothing embedded', async () => {
    // An archive written by another tool: `date` and `source` for published and outlet.
    await writeFile(
      path.join(articlesDir, 'other-tool.md'),
      '---\ntitle: Bus lanes approved\ndate: 24 August 2025\nsource: Example Gazette\n---\nThe council voted for the bus lanes on Tuesday.\n',
    );
    await ingest(fakeEmbedder()).run;
    // As a version that read neither alias would have left it: no `reading`, no date, no outlet.
    const manifestPath = path.join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    delete manifest['reading'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    const articlesPath = path.join(indexDir, 'articles.json');
    const stored = JSON.parse(await readFile(articlesPath, 'utf8')) as Record<string, unknown>[];
    for (const entry of stored) {
      delete entry['published'];
      delete entry['outlet'];
    }
    await writeFile(articlesPath, JSON.stringify(stored));
    expect((await openIndex(indexDir)).articles.get('other-tool')!.published).toBeUndefined();

    const embedder = fakeEmbedder();
    const summary = await ingest(embedder).run;
    expect(summary).toMatchObject({ changed: true, embedded: 0 });
    expect(embedder.calls).toBe(0);
    const article = (await openIndex(indexDir)).articles.get('other-tool')!;
    expect(article).toMatchObject({ published: '2025-08-24', outlet: 'Example Gazette' });
    expect((await openIndex(indexDir)).manifest.reading).toBeGreaterThanOrEqual(2);
  });

  it('GIVEN a gate stored by a version that fits another one THEN it is fitted again and stored, nothing embedded', async () => {
    await ingest(fakeEmbedder()).run;
    const manifestPath = path.join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      gate: { version: number };
    };
    manifest.gate.version = GATE_VERSION - 1;
    await writeFile(manifestPath, JSON.stringify(manifest));

    const summary = await ingest(fakeEmbedder()).run;
    expect(summary).toMatchObject({ changed: true, embedded: 0 });
    const { gate } = (await openIndex(indexDir)).manifest as { gate?: { version?: number } };
    expect(gate?.version).toBe(GATE_VERSION);
    // Stored, it is kept: the next run has nothing to do.
    expect((await ingest(fakeEmbedder()).run).changed).toBe(false);
  });

  it('GIVEN a small update THEN the stored gate is kept; GIVEN a large one THEN it is fitted again', async () => {
    // Twenty more short articles, so that one new article is a small share of the coverage.
    for (let i = 0; i < 20; i++) {
      await writeFile(
        path.join(articlesDir, `extra-${i}.txt`),
        `Council report ${i}\n\nThe council met on day ${i} to discuss road repairs, parking ` +
          `fees and the budget for district ${i}. Residents asked about bus routes and bins.\n`,
      );
    }
    await ingest(fakeEmbedder()).run;
    const fitted = (await openIndex(indexDir)).manifest.gate as { weights: number[] };
    expect(fitted.weights.length).toBeGreaterThan(0);

    await writeFile(
      path.join(articlesDir, 'extra-new.txt'),
      'Library hours\n\nThe library will open late on Thursdays from next month.\n',
    );
    const small = ingest(fakeEmbedder());
    await small.run;
    const kept = (await openIndex(indexDir)).manifest.gate as { weights: number[]; drift: number };
    expect(small.log.lines.join('\n')).toMatch(/Keeping the no-answer gate/);
    expect(kept.weights).toEqual(fitted.weights);
    expect(kept.drift).toBeGreaterThan(0);

    for (let i = 0; i < 20; i++) await rm(path.join(articlesDir, `extra-${i}.txt`));
    const large = ingest(fakeEmbedder());
    await large.run;
    const refitted = (await openIndex(indexDir)).manifest.gate as { drift?: number };
    expect(large.log.lines.join('\n')).toMatch(/Fitting the no-answer gate/);
    expect(refitted.drift ?? 0).toBe(0);
  });

  it('GIVEN one changed article THEN only its passages are embedded and the others reuse their vectors', async () => {
    const first = await ingest(fakeEmbedder()).run;
    const before = await openIndex(indexDir);
    await appendFile(
      path.join(articlesDir, `${SEED}.txt`),
      '\n\nA brand new closing paragraph about grain exports.\n',
    );

    const embedder = fakeEmbedder();
    const summary = await ingest(embedder).run;

    const after = await openIndex(indexDir);
    const changedPassages = after.passages.filter((p) => p.articleId === SEED);
    expect(summary.embedded).toBe(changedPassages.length);
    expect(summary.reused).toBe(summary.passages - changedPassages.length);
    expect(summary.passages).toBe(
      first.passages -
        before.passages.filter((p) => p.articleId === SEED).length +
        changedPassages.length,
    );
    // Passages first; what follows is the gate's calibration (questions, never passages).
    const passageTexts = new Set(after.passages.map((p) => p.text));
    const embeddedPassages = embedder.embedded.filter((text) => passageTexts.has(text));
    expect(embeddedPassages).toEqual(changedPassages.map((p) => p.text));
    expect(embedder.embedded.slice(0, changedPassages.length)).toEqual(embeddedPassages);
    expect(changedPassages.at(-1)!.text).toContain('grain exports');
    // Unchanged articles keep their exact vectors.
    const dims = after.manifest.model.dimensions;
    const row = (index: typeof after, id: string) => {
      const i = index.passages.findIndex((p) => p.id === id);
      return Array.from(index.vectors.subarray(i * dims, (i + 1) * dims));
    };
    for (const passage of after.passages.filter((p) => p.articleId !== SEED)) {
      expect(row(after, passage.id)).toEqual(row(before, passage.id));
    }
    // The lexical index covers the new text.
    const hit = after.lexical.search('grain exports', 1)[0]!;
    expect(after.passages[hit.passage]!.articleId).toBe(SEED);
  });

  it('GIVEN a deleted article THEN its passages are gone and nothing is embedded', async () => {
    await ingest(fakeEmbedder()).run;
    await rm(path.join(articlesDir, `${SEED}.txt`));

    const embedder = fakeEmbedder();
    const summary = await ingest(embedder).run;

    expect(summary).toMatchObject({ articles: 4, removed: 1, embedded: 0, changed: true });
    const index = await openIndex(indexDir);
    expect(index.articles.has(SEED)).toBe(false);
    expect(index.passages.some((p) => p.articleId === SEED)).toBe(false);
    expect(index.manifest.articles[SEED]).toBeUndefined();
    expect(index.passages).toHaveLength(summary.passages);
  });

  it('GIVEN force THEN every passage is embedded again', async () => {
    const first = await ingest(fakeEmbedder()).run;
    const embedder = fakeEmbedder();
    const summary = await ingest(embedder, { force: true }).run;
    expect(summary).toMatchObject({ embedded: first.passages, reused: 0, changed: true });
  });

  it('GIVEN another model THEN everything is re-embedded and the log says why', async () => {
    await ingest(fakeEmbedder('test/model-a', 32)).run;
    const embedder = fakeEmbedder('test/model-b', 16);
    const { log, run } = ingest(embedder);
    const summary = await run;
    expect(summary.embedded).toBe(summary.passages);
    expect(log.lines.join('\n')).toMatch(/model changed from test\/model-a/);
    expect((await openIndex(indexDir)).manifest.model).toEqual({
      id: 'test/model-b',
      dimensions: 16,
    });
  });

  it('GIVEN other passage options THEN the stored passages are not reused', async () => {
    await ingest(fakeEmbedder()).run;
    const summary = await ingest(fakeEmbedder(), {
      passageOptions: { minWords: 10, maxWords: 40, overlapSentences: 0 },
    }).run;
    expect(summary.reused).toBe(0);
    expect(summary.embedded).toBe(summary.passages);
  });

  it('GIVEN an empty and a non-article file THEN the empty one is skipped with a reason and the rest ingested', async () => {
    await writeFile(path.join(articlesDir, 'empty.md'), '');
    await writeFile(path.join(articlesDir, 'notes.pdf'), 'not an article');
    const summary = await ingest(fakeEmbedder()).run;
    expect(summary.articles).toBe(5);
    expect(summary.skipped).toEqual([
      { path: path.join(articlesDir, 'empty.md'), message: expect.stringMatching(/empty/) },
    ]);
  });

  it('GIVEN nothing ingestible THEN a UserError lists the reasons and the previous index stays', async () => {
    await ingest(fakeEmbedder()).run;
    const before = await snapshot();
    await rm(articlesDir, { recursive: true });
    await mkdir(articlesDir);
    await writeFile(path.join(articlesDir, 'empty.md'), '');

    const error = await ingest(fakeEmbedder()).run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/Nothing could be ingested[\s\S]*empty\.md/);
    expect(await snapshot()).toEqual(before);
  });

  it('GIVEN a missing article folder THEN a UserError says so', async () => {
    await expect(
      ingestCorpus({
        articlesDir: path.join(root, 'nope'),
        indexDir,
        embedder: fakeEmbedder(),
        log: memoryLogger(),
      }),
    ).rejects.toThrow(UserError);
  });

  it('GIVEN a damaged index and a change THEN it is rebuilt from scratch with a warning', async () => {
    await ingest(fakeEmbedder()).run;
    await writeFile(path.join(indexDir, 'passages.json'), '[');
    await appendFile(path.join(articlesDir, `${SEED}.txt`), '\n\nOne more line.\n');

    const { log, run } = ingest(fakeEmbedder());
    const summary = await run;

    expect(summary).toMatchObject({ changed: true, reused: 0 });
    expect(summary.embedded).toBe(summary.passages);
    expect(log.lines.join('\n')).toMatch(/damaged.*rebuilding it from scratch/);
    expect((await openIndex(indexDir)).passages).toHaveLength(summary.passages);
  });
});

describe('interrupted ingest', () => {
  it('GIVEN the embedder fails mid-run THEN the previous index is intact and no temp folder is left', async () => {
    await ingest(fakeEmbedder()).run;
    const before = await snapshot();
    await appendFile(path.join(articlesDir, `${SEED}.txt`), '\n\nChanged.\n');

    const embedder = fakeEmbedder();
    embedder.failOnCall = 1;
    await expect(ingest(embedder, { force: true }).run).rejects.toThrow(/fake embedder failure/);

    expect(await snapshot()).toEqual(before);
    expect(await readdir(root)).toEqual(['articles', 'index']);
  });

  it('GIVEN an abort mid-run THEN it stops between batches and the previous index is intact', async () => {
    await ingest(fakeEmbedder()).run;
    const before = await snapshot();

    const controller = new AbortController();
    const embedder = fakeEmbedder();
    embedder.beforeBatch = (call) => {
      if (call === 2) controller.abort();
    };
    const error = await ingest(embedder, { force: true, signal: controller.signal }).run.catch(
      (e: unknown) => e,
    );

    expect((error as Error).name).toBe('AbortError');
    expect(embedder.calls).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect(await readdir(root)).toEqual(['articles', 'index']);
  });

  it('GIVEN an ingest process killed with SIGKILL while writing THEN the previous index opens and the next run cleans up', async () => {
    // Enough articles that writing the new index takes a while to catch it mid-write.
    const words = 'market council river goal bank rain crowd minister price school film vote'.split(
      ' ',
    );
    for (let a = 0; a < 300; a++) {
      const sentences = Array.from(
        { length: 12 },
        (_, s) =>
          `Report ${a} says the ${words[(a + s) % words.length]} and the ${words[(a * s) % words.length]} moved on day ${s}.`,
      );
      await writeFile(
        path.join(articlesDir, `gen-${a}.txt`),
        `Generated story ${a}\n\n${sentences.join(' ')}\n`,
      );
    }
    await ingest(fakeEmbedder()).run;
    const before = await snapshot();
    for (let a = 0; a < 300; a++)
      await appendFile(path.join(articlesDir, `gen-${a}.txt`), '\nAn update.\n');

    const repo = path.resolve(import.meta.dirname, '../..');
    const script = path.join(root, 'child.mts');
    await writeFile(
      script,
      [
        `import { ingestCorpus } from ${JSON.stringify(pathToFileURL(path.join(repo, 'src/app/ingest-corpus.ts')).href)};`,
        `import { memoryLogger } from ${JSON.stringify(pathToFileURL(path.join(repo, 'src/log.ts')).href)};`,
        `import { fakeEmbedder } from ${JSON.stringify(pathToFileURL(path.join(repo, 'test/store/fake-embedder.ts')).href)};`,
        `await ingestCorpus({ articlesDir: process.argv[2], indexDir: process.argv[3], embedder: fakeEmbedder(), log: memoryLogger() });`,
        `console.log('finished');`,
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, articlesDir, indexDir], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );

    // Kill it the moment its temp folder appears: mid-write, before the swap.
    let sawTemp = false;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if ((await readdir(root)).some((name) => name.startsWith('index.tmp-'))) {
        sawTemp = true;
        child.kill('SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const signal = await exited;

    expect(output, output).not.toContain('finished');
    expect(signal, output).toBe('SIGKILL');
    expect(signal).toBe('SIGKILL');
    expect(sawTemp).toBe(true);
    expect(await snapshot()).toEqual(before);

    // The next run removes the dead build's temp folder and completes.
    const summary = await ingest(fakeEmbedder()).run;
    expect(summary.changed).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['articles', 'child.mts', 'index']);
    const index = await openIndex(indexDir);
    expect(index.passages.find((p) => p.articleId === 'gen-7')!.text).toBeDefined();
    expect(index.articles.get('gen-7')!.text).toContain('An update.');
  }, 60_000);
});

describe('with the real bundled model', () => {
  it('GIVEN the seeds THEN the index holds unit vectors from the model, and a re-run embeds nothing', async () => {
    const embedder = await loadEmbedder({
      model: BUNDLED_MODEL_ID,
      explicit: true,
      cacheDir: path.join(root, 'cache'),
      hubTimeoutMs: 1_000,
      warn: () => {},
    });
    try {
      const log = memoryLogger();
      const first = await ingestCorpus({ articlesDir, indexDir, embedder, log });
      const index = await openIndex(indexDir);
      expect(index.manifest.model).toEqual({
        id: BUNDLED_MODEL_ID,
        dimensions: embedder.dimensions,
      });
      const dims = embedder.dimensions;
      for (let row = 0; row < index.passages.length; row++) {
        let norm = 0;
        for (const value of index.vectors.subarray(row * dims, (row + 1) * dims))
          norm += value * value;
        expect(Math.sqrt(norm)).toBeCloseTo(1, 4);
      }
      // The stored vector of a passage is the model's vector for its text.
      const [again] = await embedder.embed([index.passages[3]!.text]);
      const stored = index.vectors.subarray(3 * dims, 4 * dims);
      const difference = Math.max(
        ...Array.from(stored, (value, i) => Math.abs(value - again![i]!)),
      );
      expect(difference).toBeLessThan(1e-5);

      const second = await ingestCorpus({ articlesDir, indexDir, embedder, log });
      expect(second).toMatchObject({ changed: false, embedded: 0, passages: first.passages });
    } finally {
      await embedder.dispose();
    }
  }, 60_000);
});

import { mkdtemp, readdir, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalIndex } from 'vectra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { INDEX_FILES, recoverIndexFolder, removeLeftovers } from '../../src/store/index-folder.js';
import { openIndex, readManifest } from '../../src/store/open-index.js';
import { writeIndex } from '../../src/store/write-index.js';
import { fakeEmbedder } from './fake-embedder.js';
import { sampleContent, SAMPLE_ARTICLES } from './sample-index.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-store-'));
  dir = path.join(root, 'index');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeIndex + openIndex', () => {
  it('GIVEN a written index THEN openIndex returns the same articles, passages and vectors', async () => {
    const content = await sampleContent(fakeEmbedder());
    await writeIndex(dir, content);

    const index = await openIndex(dir);
    expect(index.manifest).toEqual(content.manifest);
    expect([...index.articles.keys()]).toEqual(SAMPLE_ARTICLES.map((a) => a.id));
    expect(index.passages).toEqual(content.passages);
    expect(Array.from(index.vectors)).toEqual(Array.from(content.vectors));
    for (const passage of index.passages) {
      expect(index.articles.get(passage.articleId)!.text.slice(passage.start, passage.end)).toBe(
        passage.text,
      );
    }
    const hit = index.lexical.search('flooded river', 1)[0]!;
    expect(index.passages[hit.passage]!.id).toBe('b-flood#0');
  });

  it('GIVEN a written index THEN only the index folder is left in its parent (no temp folders)', async () => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    expect(await readdir(root)).toEqual(['index']);
  });

  it('GIVEN the folder THEN vectra LocalIndex loads it and its own BM25 hybrid finds passages', async () => {
    const embedder = fakeEmbedder();
    const content = await sampleContent(embedder);
    await writeIndex(dir, content);

    const vectra = new LocalIndex(dir);
    expect((await vectra.getIndexStats()).items).toBe(content.passages.length);
    const [query] = await embedder.embed(['council closed the road']);
    const results = await vectra.queryItems(
      Array.from(query!),
      'striker crowd cheered',
      1,
      undefined,
      true,
    );
    const vectorIds = results.filter((r) => r.item.metadata.isBm25 !== true).map((r) => r.item.id);
    const bm25Ids = results.filter((r) => r.item.metadata.isBm25 === true).map((r) => r.item.id);
    expect(vectorIds[0]).toBe('b-flood#1');
    // vectra's BM25 read the passage text from docs/<article>.txt via documentId/startPos/endPos.
    expect(bm25Ids).toContain('c-match#1');
    const item = results.find((r) => r.item.id === 'c-match#1')!.item;
    expect(item.metadata).toMatchObject({
      articleId: 'c-match',
      index: 1,
      text: 'The crowd of 40,000 cheered the striker.',
    });
  });
});

describe('openIndex errors', () => {
  it('GIVEN no index THEN readManifest is undefined and openIndex advises npm run ingest', async () => {
    expect(await readManifest(dir)).toBeUndefined();
    await expect(openIndex(dir)).rejects.toThrow(UserError);
    await expect(openIndex(dir)).rejects.toThrow(/npm run ingest/);
  });

  it('GIVEN another schema version THEN a UserError says to rebuild', async () => {
    const content = await sampleContent(fakeEmbedder());
    await writeIndex(dir, { ...content, manifest: { ...content.manifest, schemaVersion: 99 } });
    await expect(openIndex(dir)).rejects.toThrow(/another version.*npm run ingest/s);
  });

  it.each([
    [INDEX_FILES.vectors, 'truncated vectors', (bytes: Buffer) => bytes.subarray(0, 12)],
    [INDEX_FILES.passages, 'broken JSON', () => Buffer.from('[{"articleId":')],
    [INDEX_FILES.lexical, 'wrong lexical version', () => Buffer.from('{"version":0}')],
    [INDEX_FILES.manifest, 'broken manifest', () => Buffer.from('{')],
  ])('GIVEN %s with %s THEN a UserError says the index is damaged', async (file, _what, damage) => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    const target = path.join(dir, file);
    await writeFile(target, damage(await readFile(target)));
    const error = await openIndex(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/damaged.*npm run ingest/s);
  });

  it('GIVEN a missing data file THEN a UserError names it', async () => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    await rm(path.join(dir, INDEX_FILES.passages));
    await expect(openIndex(dir)).rejects.toThrow(/passages\.json is missing/);
  });
});

describe('crash recovery', () => {
  it('GIVEN a crash between the two renames of a swap THEN the next open restores the old index', async () => {
    const content = await sampleContent(fakeEmbedder());
    await writeIndex(dir, content);
    // State right after `dir → dir.old-*`, before `temp → dir`.
    await rename(dir, `${dir}.old-424242-abcd1234`);
    await mkdir(`${dir}.tmp-424242-deadbeef`);

    const index = await openIndex(dir);
    expect(index.passages).toHaveLength(content.passages.length);
    expect(await readdir(root)).toContain('index');
  });

  it('GIVEN temp folders of dead builds THEN removeLeftovers deletes them and keeps the index', async () => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    // pid 2^22+ is above Linux's default pid_max, so no such process is running.
    await mkdir(`${dir}.tmp-4194305-deadbeef`);
    await mkdir(`${dir}.old-4194305-deadbeef`);
    await mkdir(path.join(root, 'index.notours'));

    const removed = await removeLeftovers(dir);
    expect(removed).toHaveLength(2);
    expect((await readdir(root)).sort()).toEqual(['index', 'index.notours']);
    await expect(openIndex(dir)).resolves.toBeDefined();
  });

  it('GIVEN a temp folder of a build still running THEN removeLeftovers leaves it', async () => {
    const running = `${dir}.tmp-${process.ppid}-deadbeef`;
    await mkdir(running);
    expect(await removeLeftovers(dir)).toEqual([]);
    expect(await readdir(root)).toContain(path.basename(running));
  });

  it('GIVEN a running ingest between its two renames THEN a reader waits for its swap instead of undoing it', async () => {
    const content = await sampleContent(fakeEmbedder());
    const fresh = path.join(root, 'fresh');
    await writeIndex(fresh, content);
    // The "running ingest" is our parent process (surely alive): old folder named after it.
    await mkdir(`${dir}.old-${process.ppid}-abcd1234`);
    setTimeout(() => void rename(fresh, dir), 150);

    expect(await recoverIndexFolder(dir)).toBe(false);
    expect((await openIndex(dir)).passages).toHaveLength(content.passages.length);
    expect(await readdir(root)).toContain(`index.old-${process.ppid}-abcd1234`);
  });
});

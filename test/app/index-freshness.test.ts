import { copyFile, mkdir, mkdtemp, readdir, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeArticleChanges, findArticleChanges } from '../../src/app/index-freshness.js';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { memoryLogger } from '../../src/log.js';
import { readManifest } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { SEED_ARTICLES } from '../helpers/seed-coverage.js';

let root: string;
let articles: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-fresh-'));
  articles = path.join(root, 'articles');
  indexDir = path.join(root, 'index');
  await copyDir(SEED_ARTICLES, articles);
  await ingestCorpus({
    articlesDir: articles,
    indexDir,
    embedder: fakeEmbedder('test/fake'),
    log: memoryLogger(),
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function copyDir(from: string, to: string) {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from))
    await copyFile(path.join(from, name), path.join(to, name));
}

const later = new Date(Date.now() + 60_000);

describe('findArticleChanges', () => {
  it('GIVEN nothing changed THEN no changes and no warning', async () => {
    const changes = await findArticleChanges(articles, (await readManifest(indexDir))!);
    expect(changes).toEqual({ changed: [], removed: [] });
    expect(describeArticleChanges(changes)).toBeUndefined();
  });

  it('GIVEN a file touched but unchanged THEN it is not reported', async () => {
    const [first] = (await readdir(articles)).sort();
    await utimes(path.join(articles, first!), later, later);
    const changes = await findArticleChanges(articles, (await readManifest(indexDir))!);
    expect(changes.changed).toEqual([]);
  });

  it('GIVEN an edited, a new and a deleted article THEN each is reported with advice', async () => {
    const names = (await readdir(articles)).sort();
    const edited = path.join(articles, names[0]!);
    await writeFile(edited, '---\ntitle: Edited\n---\nSomething else entirely happened today.\n');
    await utimes(edited, later, later);
    const added = path.join(articles, 'new-article.txt');
    await writeFile(added, 'A new headline\n\nA new body with enough words.\n');
    await utimes(added, later, later);
    await unlink(path.join(articles, names[1]!));
    const changes = await findArticleChanges(articles, (await readManifest(indexDir))!);
    expect([...changes.changed].sort()).toEqual([path.parse(names[0]!).name, 'new-article'].sort());
    expect(changes.removed).toEqual([path.parse(names[1]!).name]);
    expect(describeArticleChanges(changes)).toMatch(/npm run ingest/);
  });
});

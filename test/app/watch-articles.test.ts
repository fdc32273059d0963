import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isIgnoredChange,
  watchArticles,
  type ArticleWatcher,
} from '../../src/app/watch-articles.js';
import { memoryLogger } from '../../src/log.js';

let root: string;
let watcher: ArticleWatcher | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-watch-'));
  await mkdir(path.join(root, 'outlet'));
  await mkdir(path.join(root, 'index'));
});
afterEach(async () => {
  watcher?.stop();
  watcher = undefined;
  await rm(root, { recursive: true, force: true });
});

describe('GIVEN a watched data folder', () => {
  it('WHEN several files change in a sub-folder THEN onChange runs once, after the burst settles', async () => {
    let changes = 0;
    watcher = watchArticles({
      dataDir: root,
      onChange: () => (changes += 1),
      log: memoryLogger(),
      // Long enough for five small writes on a busy machine to fall in one burst.
      debounceMs: 3_000,
    });
    expect(watcher.watching).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      await writeFile(path.join(root, 'outlet', `a${i}.md`), `---\ntitle: A${i}\n---\nText.\n`);
    }
    await vi.waitFor(() => expect(changes).toBe(1), { timeout: 10_000, interval: 50 });
    // A later change is seen too: the watcher keeps running after a burst.
    await writeFile(path.join(root, 'b.md'), '---\ntitle: B\n---\nText.\n');
    await vi.waitFor(() => expect(changes).toBe(2), { timeout: 10_000, interval: 50 });
  });

  it('WHEN the index lies inside the data folder THEN changes to it are ignored, and only to it', () => {
    const data = path.join(root, 'data');
    const index = path.join(data, 'index');
    expect(isIgnoredChange(data, index, 'index')).toBe(true);
    expect(isIgnoredChange(data, index, path.join('index', 'manifest.json'))).toBe(true);
    expect(isIgnoredChange(data, index, 'index-notes.md')).toBe(false);
    expect(isIgnoredChange(data, index, path.join('outlet', 'a.md'))).toBe(false);
    expect(isIgnoredChange(data, index, null)).toBe(false);
    // The usual layout: the index beside the articles, nothing to ignore.
    expect(isIgnoredChange(data, path.join(root, 'index'), 'a.md')).toBe(false);
    expect(isIgnoredChange(data, undefined, 'index')).toBe(false);
  });

  it('WHEN the folder cannot be watched THEN it says so once and reports not watching', () => {
    const log = memoryLogger();
    watcher = watchArticles({
      dataDir: path.join(root, 'missing'),
      onChange: () => {},
      log,
    });
    expect(watcher.watching).toBe(false);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^warn: Cannot watch .*missing.*picked up at the next poll\.$/);
  });
});

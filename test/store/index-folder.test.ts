import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  inspectIndexFolder,
  recoverIndexFolder,
  removeLeftovers,
} from '../../src/store/index-folder.js';
import { openIndex } from '../../src/store/open-index.js';
import { writeIndex } from '../../src/store/write-index.js';
import { fakeEmbedder } from './fake-embedder.js';
import { sampleContent } from './sample-index.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-folder-'));
  dir = path.join(root, 'index');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('inspectIndexFolder', () => {
  it('GIVEN nothing, an empty folder or an index THEN an index may be written there', async () => {
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'absent' });
    await mkdir(dir);
    await writeFile(path.join(dir, '.DS_Store'), '');
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'empty' });
    await rm(dir, { recursive: true });
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'index' });
  });

  it('GIVEN an index with a garbled manifest THEN it is still recognisably an index', async () => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    await writeFile(path.join(dir, 'manifest.json'), '{"schemaVer');
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'index' });
  });

  it('GIVEN a folder with a foreign manifest.json (a web app) THEN it is not an index', async () => {
    await mkdir(dir);
    await writeFile(path.join(dir, 'manifest.json'), '{"name":"my app","icons":[]}');
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'foreign', names: ['manifest.json'] });
  });

  it('GIVEN a file, a missing parent or foreign files THEN each is told apart', async () => {
    await writeFile(path.join(root, 'file'), 'x');
    expect(await inspectIndexFolder(path.join(root, 'file'))).toEqual({ kind: 'not-a-folder' });
    expect(await inspectIndexFolder(path.join(root, 'file', 'below'))).toEqual({
      kind: 'not-a-folder',
    });
    expect(await inspectIndexFolder(path.join(root, 'a', 'b'))).toEqual({
      kind: 'no-parent',
      parent: path.join(root, 'a'),
    });
    await mkdir(dir);
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    expect(await inspectIndexFolder(dir)).toEqual({ kind: 'foreign', names: ['keep.txt'] });
  });

  it('GIVEN the repository itself THEN it is not an index folder', async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const state = await inspectIndexFolder(repo);
    expect(state.kind).toBe('foreign');
    expect(state.kind === 'foreign' && state.names).toEqual(expect.arrayContaining(['src']));
  });
});

describe('writeIndex only replaces what is ours', () => {
  it('GIVEN a folder holding a user file THEN writeIndex refuses and leaves it and no temp folder', async () => {
    await mkdir(dir);
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    const error = await writeIndex(dir, await sampleContent(fakeEmbedder())).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(await readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(await readdir(root)).toEqual(['index']);
  });

  it('GIVEN a missing parent folder THEN writeIndex does not create it', async () => {
    const deep = path.join(root, 'no', 'such', 'index');
    await expect(writeIndex(deep, await sampleContent(fakeEmbedder()))).rejects.toThrow(
      /does not exist/,
    );
    expect(await readdir(root)).toEqual([]);
  });
});

describe('writeIndex and a stop request', () => {
  it('GIVEN the signal fires before the swap THEN the previous index stays and no temp folder is left', async () => {
    const content = await sampleContent(fakeEmbedder());
    await writeIndex(dir, content);
    const other = await sampleContent(fakeEmbedder('test/other', 16));
    const error = await writeIndex(dir, other, { signal: AbortSignal.abort('SIGINT') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe('SIGINT');
    expect((await openIndex(dir)).manifest.model.dimensions).toBe(
      content.manifest.model.dimensions,
    );
    expect(await readdir(root)).toEqual(['index']);
  });
});

describe('leftovers and recovery only touch our folders', () => {
  it('GIVEN user folders named like temp and old folders THEN removeLeftovers keeps them', async () => {
    await writeIndex(dir, await sampleContent(fakeEmbedder()));
    // pid 2^22+ is above Linux's default pid_max, so no such process is running.
    for (const name of ['index.tmp-4194305-deadbeef', 'index.old-4194305-deadbeef']) {
      await mkdir(path.join(root, name));
      await writeFile(path.join(root, name, 'keep.txt'), 'mine');
    }
    await writeFile(path.join(root, 'index.tmp-4194306-cafe'), 'a file, not a folder');

    expect(await removeLeftovers(dir)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual([
      'index',
      'index.old-4194305-deadbeef',
      'index.tmp-4194305-deadbeef',
      'index.tmp-4194306-cafe',
    ]);
  });

  it('GIVEN no index but a user folder named like an old one THEN recovery does not rename it', async () => {
    const old = path.join(root, 'index.old-4194305-deadbeef');
    await mkdir(old);
    await writeFile(path.join(old, 'keep.txt'), 'mine');
    expect(await recoverIndexFolder(dir)).toBe(false);
    expect(await readdir(root)).toEqual(['index.old-4194305-deadbeef']);
  });

  it('GIVEN a real old index left by a crash THEN recovery still restores it', async () => {
    const content = await sampleContent(fakeEmbedder());
    const old = path.join(root, 'index.old-4194305-deadbeef');
    await writeIndex(old, content);
    expect(await recoverIndexFolder(dir)).toBe(true);
    expect((await openIndex(dir)).passages).toHaveLength(content.passages.length);
  });
});

import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { openCoverage } from '../../src/app/open-coverage.js';
import { loadCoreConfig, type CoreFlags } from '../../src/config.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

/**
 * The folder checks of `npm run ask` (openCoverage): they run before any model is loaded, so
 * none of these tests loads one.
 */

const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-open-'));
  await cp(SEEDS, path.join(root, 'articles'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function open(flags: CoreFlags, env: Record<string, string> = {}) {
  const log = memoryLogger();
  return { log, run: openCoverage(loadCoreConfig(env, root, flags), log) };
}

async function buildIndex(indexDir: string, articlesDir = path.join(root, 'articles')) {
  await ingestCorpus({
    articlesDir,
    indexDir,
    embedder: fakeEmbedder('test/default'),
    log: memoryLogger(),
  });
}

async function failure(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('openCoverage folder checks', () => {
  it('GIVEN --index naming a folder that holds keep.txt THEN it refuses to build there and keeps the file', async () => {
    await mkdir(path.join(root, 'precious'));
    await writeFile(path.join(root, 'precious', 'keep.txt'), 'keep me\n');
    const message = await failure(open({ index: 'precious' }).run);
    expect(message).toMatch(
      /--index precious .* holds files that are not part of an index \(keep\.txt\)/,
    );
    expect(await readdir(path.join(root, 'precious'))).toEqual(['keep.txt']);
    expect(await readFile(path.join(root, 'precious', 'keep.txt'), 'utf8')).toBe('keep me\n');
  });

  it('GIVEN --index pointing at a regular file THEN one line says so', async () => {
    await writeFile(path.join(root, 'afile'), 'x');
    expect(await failure(open({ index: 'afile' }).run)).toMatch(/--index afile .*is a file/);
  });

  it('GIVEN no index and --data naming a missing folder THEN it says so before any model', async () => {
    expect(await failure(open({ index: 'idx', data: '/nope' }).run)).toMatch(
      /^--data \/nope does not exist\./,
    );
    expect(await readdir(root)).toEqual(['articles']);
  });

  it('GIVEN --index under a missing folder THEN it refuses and creates nothing', async () => {
    expect(await failure(open({ index: 'a/b/idx', data: 'articles' }).run)).toMatch(
      /--index a\/b\/idx .*: the folder .*b does not exist/,
    );
    expect(await readdir(root)).toEqual(['articles']);
  });

  it('GIVEN --model X and an index of another model THEN the error names --model X and the full rebuild command', async () => {
    await buildIndex(path.join(root, 'idx'));
    const message = await failure(open({ index: 'idx', model: 'bundled' }).run);
    expect(message).toMatch(/built with the model "test\/default", but --model bundled asks/);
    expect(message).toContain('npm run ingest -- --index idx --model bundled --force');
    expect(message).toMatch(/leave out --model/);
    expect(message).not.toMatch(/EMBEDDING_MODEL/);

    const fromEnv = await failure(open({ index: 'idx' }, { EMBEDDING_MODEL: 'bundled' }).run);
    expect(fromEnv).toMatch(/EMBEDDING_MODEL=bundled asks .*unset EMBEDDING_MODEL/);
  });

  it('GIVEN a damaged manifest THEN the advice repeats the --index given', async () => {
    await buildIndex(path.join(root, 'idx'));
    await writeFile(path.join(root, 'idx', 'manifest.json'), '{');
    expect(await failure(open({ index: 'idx', data: 'articles' }).run)).toMatch(
      /damaged \(manifest\.json: .*\)\. Rebuild it: npm run ingest -- --index idx --data articles --force$/,
    );
  });

  it('GIVEN an index of an earlier version whose articles are gone THEN one line says how to rebuild it, and the index is kept', async () => {
    await buildIndex(path.join(root, 'idx'));
    const manifestFile = path.join(root, 'idx', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
      pipeline: Record<string, unknown>;
    };
    manifest.pipeline.cleaningVersion = 0;
    await writeFile(manifestFile, JSON.stringify(manifest));
    const before = await readdir(path.join(root, 'idx'));
    await rm(path.join(root, 'articles'), { recursive: true });
    expect(await failure(open({ index: 'idx' }).run)).toMatch(
      /^The index in --index idx .*was built by an earlier version of coverage-bot and must be rebuilt, but .*does not exist/,
    );
    expect(await readdir(path.join(root, 'idx'))).toEqual(before);
    expect(await readFile(manifestFile, 'utf8')).toBe(JSON.stringify(manifest));
  });

  it('GIVEN --index myidx without --data THEN staleness is checked against its own articles', async () => {
    await buildIndex(path.join(root, 'myidx'));
    await rm(path.join(root, 'articles', '000_938999e51d1b5c4a.txt'));
    const { log, run } = open({ index: 'myidx', model: 'bundled' });
    await run.catch(() => {});
    expect(log.lines.join('\n')).toMatch(
      /1 removed \(000_938999e51d1b5c4a\).*run `npm run ingest -- --index myidx --model bundled`/,
    );
  });
});

import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngestCli, type IngestCliDeps } from '../../src/cli/ingest.js';
import type { LoadEmbedderOptions } from '../../src/embed/load-embedder.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

/**
 * `npm run ingest` never deletes or replaces a folder that is not an index, never creates a
 * tree of folders by mistake, checks folders before loading a model, keeps each index with
 * the articles it was built from, and rebuilds a damaged index with --force (issue 10).
 */

const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-safety-'));
  await cp(SEEDS, path.join(root, 'articles'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function cli(cwd = root, env: Record<string, string> = {}) {
  const log = memoryLogger();
  const loads: LoadEmbedderOptions[] = [];
  const deps: IngestCliDeps = {
    env,
    cwd,
    log,
    stderr: { isTTY: false } as NodeJS.WriteStream,
    loadEmbedder: async (options) => {
      loads.push(options);
      return fakeEmbedder(options.model ?? 'test/default');
    },
    print: () => {},
  };
  const errors = () => log.lines.filter((line) => line.startsWith('error:'));
  return { log, loads, errors, run: (...argv: string[]) => runIngestCli(argv, deps) };
}

/** Every file under `dir` with its content, to show that nothing was touched. */
async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = await readFile(file, 'utf8');
  }
  return files;
}

/** Runs the CLI, expects exit 1 with one error line matching `pattern`, and no model loaded. */
async function expectRefused(
  session: ReturnType<typeof cli>,
  argv: string[],
  pattern: RegExp,
): Promise<string> {
  expect(await session.run(...argv)).toBe(1);
  const errors = session.errors();
  expect(errors, session.log.lines.join('\n')).toHaveLength(1);
  expect(errors[0]!.split('\n')).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(session.loads).toEqual([]);
  return errors[0]!;
}

describe('ingest never replaces a folder that is not an index', () => {
  it('GIVEN --index . in a project folder with src/ and notes THEN it refuses and touches nothing', async () => {
    const project = path.join(root, 'project');
    await mkdir(path.join(project, 'src'), { recursive: true });
    await writeFile(path.join(project, 'src', 'main.ts'), 'export {};\n');
    await writeFile(path.join(project, 'notes.md'), '# my notes\n');
    const before = await tree(project);

    const message = await expectRefused(
      cli(project),
      ['--data', '../articles', '--index', '.'],
      /--index \. \(.*project\) holds files that are not part of an index \(notes\.md, src\)\. .*new or empty folder, or move those files out\./,
    );
    expect(message).toMatch(/will not touch it/);
    expect(await tree(project)).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(['articles', 'project']);
  });

  it('GIVEN --index . in a checkout (package.json, .git, src) THEN it refuses and touches nothing', async () => {
    const checkout = path.join(root, 'checkout');
    await mkdir(path.join(checkout, '.git'), { recursive: true });
    await mkdir(path.join(checkout, 'src'));
    await writeFile(path.join(checkout, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(path.join(checkout, 'package.json'), '{"name":"x"}\n');
    await writeFile(path.join(checkout, 'src', 'a.ts'), 'export {};\n');
    const before = await tree(checkout);

    await expectRefused(
      cli(checkout),
      ['--data', '../articles', '--index', '.'],
      /not part of an index/,
    );
    await expectRefused(
      cli(checkout, { INDEX_DIR: '.' }),
      ['--data', '../articles'],
      /INDEX_DIR=\. /,
    );
    expect(await tree(checkout)).toEqual(before);
  });

  it('GIVEN --index naming a folder that holds keep.txt THEN it refuses and keep.txt stays', async () => {
    await mkdir(path.join(root, 'precious'));
    await writeFile(path.join(root, 'precious', 'keep.txt'), 'keep me\n');
    await expectRefused(
      cli(),
      ['--data', 'articles', '--index', 'precious'],
      /--index precious .* not part of an index \(keep\.txt\)/,
    );
    expect(await tree(path.join(root, 'precious'))).toEqual({ 'keep.txt': 'keep me\n' });
  });

  it('GIVEN an index folder holding our files and a foreign one THEN it refuses to replace it', async () => {
    expect(await cli().run('--data', 'articles', '--index', 'idx')).toBe(0);
    await writeFile(path.join(root, 'idx', 'keep.txt'), 'keep me\n');
    await expectRefused(cli(), ['--data', 'articles', '--index', 'idx', '--force'], /keep\.txt/);
    expect(await readFile(path.join(root, 'idx', 'keep.txt'), 'utf8')).toBe('keep me\n');
  });

  it('GIVEN --data X --index X THEN it refuses and the articles stay', async () => {
    const before = await tree(path.join(root, 'articles'));
    await expectRefused(cli(), ['--data', 'articles', '--index', 'articles'], /--index articles/);
    expect(await tree(path.join(root, 'articles'))).toEqual(before);
  });

  it('GIVEN --data X --index X on an empty X THEN it says they are the same folder', async () => {
    await mkdir(path.join(root, 'both'));
    await expectRefused(
      cli(),
      ['--data', 'both', '--index', 'both'],
      /--index both .* and --data both .* are the same folder/,
    );
    expect(await readdir(path.join(root, 'both'))).toEqual([]);
  });

  it('GIVEN an index folder inside the article folder THEN it refuses', async () => {
    const before = await tree(path.join(root, 'articles'));
    await expectRefused(
      cli(),
      ['--data', 'articles', '--index', 'articles/idx'],
      /--index articles\/idx .* lies inside --data articles/,
    );
    expect(await tree(path.join(root, 'articles'))).toEqual(before);
  });

  it('GIVEN the article folder inside a new index folder THEN it refuses', async () => {
    await mkdir(path.join(root, 'out'));
    await rename(path.join(root, 'articles'), path.join(root, 'out', 'articles'));
    const before = await tree(path.join(root, 'out'));
    await expectRefused(cli(), ['--data', 'out/articles', '--index', 'out'], /--index out/);
    await expectRefused(
      cli(),
      ['--data', 'out/articles', '--index', 'out/articles/..'],
      /not part of an index|lies inside/,
    );
    expect(await tree(path.join(root, 'out'))).toEqual(before);
  });
});

describe('ingest checks its folders first, in words the user typed', () => {
  it('GIVEN --index pointing at a regular file THEN one line says it is a file', async () => {
    await writeFile(path.join(root, 'afile'), 'x');
    await expectRefused(
      cli(),
      ['--data', 'articles', '--index', 'afile'],
      /--index afile .* is a file, not a folder/,
    );
    expect(await readFile(path.join(root, 'afile'), 'utf8')).toBe('x');
  });

  it('GIVEN --index under a folder that does not exist THEN it refuses and creates nothing', async () => {
    await expectRefused(
      cli(),
      ['--data', 'articles', '--index', 'no/such/deep/idx'],
      /--index no\/such\/deep\/idx .*: the folder .*deep does not exist/,
    );
    // Even when the default article folder is missing too: the flag typed is named.
    await expectRefused(
      cli(),
      ['--index', '/nonexistent/deep/path'],
      /^error: --index \/nonexistent\/deep\/path: the folder \/nonexistent\/deep does not exist/,
    );
    expect((await readdir(root)).sort()).toEqual(['articles']);
  });

  it('GIVEN --data naming a missing folder THEN it says so before loading any model', async () => {
    await expectRefused(
      cli(),
      ['--data', 'nope', '--index', 'idx'],
      /--data nope \(.*nope\) does not exist/,
    );
    await expectRefused(cli(root, { DATA_DIR: 'nope' }), ['--index', 'idx'], /DATA_DIR=nope /);
  });

  it('GIVEN the defaults in a folder without data/ THEN it names the missing article folder first', async () => {
    const empty = path.join(root, 'elsewhere');
    await mkdir(empty);
    await expectRefused(
      cli(empty),
      [],
      /^error: the article folder .*data\/articles does not exist/,
    );
    expect(await readdir(empty)).toEqual([]);
  });
});

describe('an index keeps the articles it was built from', () => {
  it('GIVEN an index built from --data mydata THEN the manifest records it relative to the index', async () => {
    await rename(path.join(root, 'articles'), path.join(root, 'mydata'));
    expect(await cli().run('--data', 'mydata', '--index', 'myidx')).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(root, 'myidx', 'manifest.json'), 'utf8'));
    expect(manifest.dataDir).toBe('../mydata');
  });

  it('GIVEN --index myidx without --data THEN it uses the recorded folder, not the default', async () => {
    await rename(path.join(root, 'articles'), path.join(root, 'mydata'));
    // The default article folder exists and holds something else entirely.
    await mkdir(path.join(root, 'data', 'articles'), { recursive: true });
    await writeFile(
      path.join(root, 'data', 'articles', 'other.md'),
      '# Other\n\nSomething else.\n',
    );
    expect(await cli().run('--data', 'mydata', '--index', 'myidx')).toBe(0);

    const again = cli();
    expect(await again.run('--index', 'myidx')).toBe(0);
    const said = again.log.lines.join('\n');
    expect(said).toMatch(/Articles: .*mydata \(the folder this index was built from\)/);
    expect(said).toMatch(/Nothing changed: 5 articles/);
    expect((await openIndex(path.join(root, 'myidx'))).articles.has('other')).toBe(false);
  });

  it('GIVEN the whole folder moved elsewhere THEN the recorded folder still resolves', async () => {
    await rename(path.join(root, 'articles'), path.join(root, 'mydata'));
    expect(await cli().run('--data', 'mydata', '--index', 'myidx')).toBe(0);
    const moved = path.join(root, 'moved');
    await mkdir(moved);
    await rename(path.join(root, 'mydata'), path.join(moved, 'mydata'));
    await rename(path.join(root, 'myidx'), path.join(moved, 'myidx'));

    const again = cli(moved);
    expect(await again.run('--index', 'myidx')).toBe(0);
    expect(again.log.lines.join('\n')).toMatch(/Nothing changed: 5 articles/);
  });

  it('GIVEN another --data than recorded THEN it refuses without --force and rebuilds with it', async () => {
    expect(await cli().run('--data', 'articles', '--index', 'myidx')).toBe(0);
    await mkdir(path.join(root, 'other'));
    await writeFile(path.join(root, 'other', 'a.md'), '# Another story\n\nA different corpus.\n');
    const before = await stat(path.join(root, 'myidx', 'manifest.json'));

    const message = await expectRefused(
      cli(),
      ['--index', 'myidx', '--data', 'other'],
      /built from .*articles, not --data other .*npm run ingest -- --index myidx --data other --force; to update it, leave out --data\./,
    );
    expect(message).toContain('To rebuild it from the new folder');
    expect((await stat(path.join(root, 'myidx', 'manifest.json'))).mtimeMs).toBe(before.mtimeMs);

    expect(await cli().run('--index', 'myidx', '--data', 'other', '--force')).toBe(0);
    const index = await openIndex(path.join(root, 'myidx'));
    expect([...index.articles.keys()]).toEqual(['a']);
    expect(index.manifest.dataDir).toBe('../other');
  });
});

describe('an index from before dataDir was recorded', () => {
  it('GIVEN none of its articles in the default folder THEN ingest refuses instead of swapping its corpus', async () => {
    expect(await cli().run('--data', 'articles', '--index', 'myidx')).toBe(0);
    const file = path.join(root, 'myidx', 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    delete manifest.dataDir;
    await writeFile(file, JSON.stringify(manifest));
    await mkdir(path.join(root, 'data', 'articles'), { recursive: true });
    await writeFile(path.join(root, 'data', 'articles', 'seed.md'), '# Seed\n\nA seed story.\n');

    await expectRefused(
      cli(),
      ['--index', 'myidx'],
      /does not record which articles .* none of its 5 articles are in the article folder .*data\/articles\. Pass its article folder with --data DIR, or rebuild it .*: npm run ingest -- --index myidx --force$/,
    );
    expect((await openIndex(path.join(root, 'myidx'))).articles.size).toBe(5);
    // With its folder given, it is updated and the folder recorded from then on.
    await writeFile(path.join(root, 'articles', 'new.md'), '# New\n\nA new story.\n');
    expect(await cli().run('--index', 'myidx', '--data', 'articles')).toBe(0);
    expect((await openIndex(path.join(root, 'myidx'))).manifest.dataDir).toBe('../articles');
  });
});

describe('a damaged index is not a dead end', () => {
  it('GIVEN a damaged manifest.json THEN ingest says to use --force with the same flags, and --force rebuilds it', async () => {
    const dirs = ['--data', 'articles', '--index', 'idx'];
    expect(await cli().run(...dirs)).toBe(0);
    await writeFile(path.join(root, 'idx', 'manifest.json'), '{"schemaVersion": 1, "mod');

    const first = cli();
    expect(await first.run(...dirs)).toBe(1);
    expect(first.errors()).toEqual([
      expect.stringMatching(
        /damaged \(manifest\.json: .*\)\. Rebuild it: npm run ingest -- --index idx --data articles --force$/,
      ),
    ]);

    const forced = cli();
    expect(await forced.run(...dirs, '--force')).toBe(0);
    expect(forced.log.lines.filter((line) => line.includes('damaged'))).toEqual([
      expect.stringMatching(
        /^warn: .* is damaged \(manifest\.json: .*\): rebuilding it from scratch\.$/,
      ),
    ]);
    expect((await openIndex(path.join(root, 'idx'))).articles.size).toBe(5);
  });

  it('GIVEN an index whose manifest is gone THEN --force rebuilds it', async () => {
    expect(await cli().run('--data', 'articles', '--index', 'idx')).toBe(0);
    await rm(path.join(root, 'idx', 'manifest.json'));
    expect(await cli().run('--data', 'articles', '--index', 'idx', '--force')).toBe(0);
    expect((await openIndex(path.join(root, 'idx'))).articles.size).toBe(5);
  });
});

describe('what ingest reads from the article folder', () => {
  it('GIVEN random bytes saved as x.md and a README THEN neither is indexed and both are reported', async () => {
    const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
    await writeFile(path.join(root, 'articles', 'x.md'), random);
    await writeFile(
      path.join(root, 'articles', 'README.md'),
      '# About these articles\n\nScraped.\n',
    );
    const session = cli();
    expect(await session.run('--data', 'articles', '--index', 'idx')).toBe(0);
    const said = session.log.lines.join('\n');
    expect(said).toMatch(
      /Skipped 2 files:\n.*README\.md: README files .*\n.*x\.md: is not a text file/,
    );
    const index = await openIndex(path.join(root, 'idx'));
    expect([...index.articles.keys()].sort()).not.toContain('x');
    expect(index.articles.size).toBe(5);
  });
});

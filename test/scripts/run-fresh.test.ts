import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/seed-coverage.js';

/** An entry point that says which copy ran, with what arguments, and exits with 3. */
const entry = (from: string) => `import { pathToFileURL } from 'node:url';
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify({ from: ${JSON.stringify(from)}, args: process.argv.slice(2) }));
  process.exitCode = 3;
}
`;

let repo: string;
const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const EDITED_BEFORE = new Date('2026-01-01T11:00:00Z');
const EDITED_AFTER = new Date('2026-01-01T13:00:00Z');

async function put(relative: string, text: string, time: Date): Promise<void> {
  const file = path.join(repo, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await utimes(file, time, time);
}

interface Run {
  code: number;
  out: { from: string; args: string[] };
  stderr: string;
}

async function runFresh(args: readonly string[]): Promise<Run> {
  const result = await promisify(execFile)(
    process.execPath,
    [path.join(repo, 'scripts/run-fresh.mjs'), ...args],
    { cwd: repo },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return {
    code: result.code,
    out: JSON.parse(result.stdout) as Run['out'],
    stderr: result.stderr,
  };
}

/** A miniature repository: the launcher, a built entry point and one more module. */
beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'coverage-run-fresh-'));
  await cp(path.join(REPO_ROOT, 'scripts/run-fresh.mjs'), path.join(repo, 'scripts/run-fresh.mjs'));
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  await put('package.json', '{ "type": "module" }', EDITED_BEFORE);
  await put('tsconfig.json', '{}', EDITED_BEFORE);
  await put('src/cli/hello.ts', entry('source'), EDITED_BEFORE);
  await put('src/lib/other.ts', 'export const other = 1;\n', EDITED_BEFORE);
  await put('dist/src/cli/hello.js', entry('compiled'), BUILT_AT);
  await put('dist/src/lib/other.js', 'export const other = 1;\n', BUILT_AT);
});
afterEach(() => rm(repo, { recursive: true, force: true }));

describe('scripts/run-fresh.mjs (the launcher of npm run ask, ingest, start, register)', () => {
  it('GIVEN dist/ built after the last edit THEN the compiled copy runs, with the arguments and exit code', async () => {
    const run = await runFresh(['src/cli/hello.ts', 'a question', '--json']);
    expect(run.out).toEqual({ from: 'compiled', args: ['a question', '--json'] });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
  });

  it('GIVEN the entry point edited after the build THEN the source runs, and stderr says why', async () => {
    await utimes(path.join(repo, 'src/cli/hello.ts'), EDITED_AFTER, EDITED_AFTER);
    const run = await runFresh(['src/cli/hello.ts', 'q']);
    expect(run.out).toEqual({ from: 'source', args: ['q'] });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/src\/ changed since the last build.*npm run build/su);
  });

  it('GIVEN another module edited after the build THEN the source runs (it may import it)', async () => {
    await utimes(path.join(repo, 'src/lib/other.ts'), EDITED_AFTER, EDITED_AFTER);
    expect((await runFresh(['src/cli/hello.ts'])).out.from).toBe('source');
  });

  it('GIVEN a new module that was never built THEN the source runs', async () => {
    await put('src/lib/new.ts', 'export const added = 2;\n', EDITED_BEFORE);
    expect((await runFresh(['src/cli/hello.ts'])).out.from).toBe('source');
  });

  it('GIVEN tsconfig.json changed after the build THEN the source runs', async () => {
    await utimes(path.join(repo, 'tsconfig.json'), EDITED_AFTER, EDITED_AFTER);
    expect((await runFresh(['src/cli/hello.ts'])).out.from).toBe('source');
  });
});

describe('package.json', () => {
  it('GIVEN the everyday commands THEN they go through the launcher, never straight to tsx or dist/', async () => {
    const { readFile } = await import('node:fs/promises');
    const scripts = (
      JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ['ask', 'ingest', 'start', 'register']) {
      expect(scripts[name], name).toMatch(/^node scripts\/run-fresh\.mjs src\/\S+\.ts$/u);
    }
  });
});

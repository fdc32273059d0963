import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAddCli } from '../../src/cli/add.js';
import {
  EXIT_SOME_FAILED,
  reportLines,
  runFetchCli,
  type FetchCliDeps,
} from '../../src/cli/fetch.js';
import { memoryLogger } from '../../src/log.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

let server: FixtureServer;
let root: string;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'coverage-fetch-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function cli(env: Record<string, string> = { ALLOW_PRIVATE_URLS: 'true' }) {
  const log = memoryLogger();
  const printed: string[] = [];
  const deps: FetchCliDeps = {
    env,
    cwd: root,
    log,
    print: (text) => printed.push(text),
    loadEmbedder: async (options) => fakeEmbedder(options.model ?? 'test/default'),
    fetchOptions: { http: { perHostDelayMs: 0 } },
  };
  return {
    log,
    printed,
    fetch: (...argv: string[]) => runFetchCli(argv, deps),
    add: (...argv: string[]) => runAddCli(argv, deps),
  };
}

const DIRS = ['--data', 'articles', '--index', 'idx'];

describe('npm run fetch', () => {
  it('GIVEN --help THEN every flag is listed', async () => {
    const { fetch, printed } = cli();
    expect(await fetch('--help')).toBe(0);
    for (const flag of ['--feeds FILE', '--data DIR', '--index DIR', '--json', '--help']) {
      expect(printed.join('\n')).toContain(flag);
    }
  });

  it('GIVEN a feeds file THEN new items are written, indexed, and reported as JSON on stdout only', async () => {
    await writeFile(
      path.join(root, 'feeds.txt'),
      [
        '# local fixtures',
        `${server.base}/feeds/atom.xml   County Hall News  # outlet given here`,
        `${server.base}/feeds/malformed.xml`,
        'not-a-url',
        '',
      ].join('\n'),
    );
    const { fetch, printed, log } = cli();
    expect(await fetch('--feeds', 'feeds.txt', ...DIRS, '--json')).toBe(EXIT_SOME_FAILED);
    expect(printed).toHaveLength(1);
    const report = JSON.parse(printed[0]!) as {
      results: { kind: string; status: string; url: string; file?: string; reason?: string }[];
      added: string[];
      failed: number;
      index: { articles: number } | null;
    };
    expect(report.added).toEqual([
      'county-hall-news/2025-09-05-library-opening-hours-cut-from-october.md',
    ]);
    expect(report.failed).toBe(1);
    expect(report.results.map((r) => `${r.kind} ${r.status}`)).toEqual([
      'feed fetched',
      'page added',
      'feed failed',
    ]);
    expect(report.index?.articles).toBe(1);
    expect(log.lines.join('\n')).toMatch(/line 4: "not-a-url" is not an http\(s\) URL/);
    const index = await openIndex(path.join(root, 'idx'));
    expect([...index.articles.values()].map((article) => article.outlet)).toEqual([
      'County Hall News',
    ]);

    // Again: nothing new, the index is left alone.
    const again = cli();
    expect(await again.fetch('--feeds', 'feeds.txt', ...DIRS)).toBe(EXIT_SOME_FAILED);
    const text = again.printed.join('\n');
    expect(text).toMatch(
      /^unchanged +http:\/\/127\.0\.0\.1:\d+\/feeds\/atom\.xml \(not modified \(304\)\)$/m,
    );
    expect(text).toMatch(/^failed +http:.*malformed\.xml \(malformed XML/m);
    expect(text).toContain('Nothing new: the index was left as it is.');
  });

  it('GIVEN no feeds file THEN it says how to make one and exits 1', async () => {
    const { fetch, log } = cli();
    expect(await fetch(...DIRS)).toBe(1);
    expect(log.lines.join('\n')).toMatch(/data\/feeds\.txt does not exist.*--feeds FILE/);
  });
});

describe('npm run add', () => {
  it('GIVEN page URLs THEN each gets a line: added, then duplicate', async () => {
    const { add, printed } = cli();
    const url = `${server.base}/articles/harbour-og-only.html`;
    expect(await add(url, `${url}?utm_source=x`, ...DIRS)).toBe(0);
    expect(printed[0]).toMatch(
      /^added +http.*harbour-og-only\.html → coastline-courier\/2025-08-28-harbour-ferry-returns-after-six-month-repair\.md$/,
    );
    expect(printed[1]).toMatch(
      /^duplicate +http.*utm_source=x → coastline-courier\/.*\.md \(already in the archive/,
    );
    expect(printed.join('\n')).toMatch(/Index .*idx: 1 articles/);
  });

  it('GIVEN a loopback URL without ALLOW_PRIVATE_URLS THEN it is refused and exits 2', async () => {
    const { add, printed } = cli({});
    expect(await add(`${server.base}/articles/plain-page.html`, ...DIRS)).toBe(EXIT_SOME_FAILED);
    expect(printed[0]).toMatch(/^failed .*loopback address.*ALLOW_PRIVATE_URLS=true/);
  });

  it('GIVEN no URL THEN it says what to type and exits 1', async () => {
    const { add, log } = cli();
    expect(await add(...DIRS)).toBe(1);
    expect(log.lines.join('\n')).toMatch(/npm run add -- https:\/\//);
  });

  it('GIVEN the script run as a process with --json THEN stdout is exactly one JSON line and the logs go to stderr', async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/add.ts',
        `${server.base}/articles/plain-page.html`,
        `${server.base}/missing`,
        '--data',
        path.join(root, 'articles'),
        '--index',
        path.join(root, 'idx'),
        '--json',
      ],
      {
        cwd: repo,
        env: { ...process.env, ALLOW_PRIVATE_URLS: 'true', EMBEDDING_MODEL: 'bundled' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(EXIT_SOME_FAILED);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout) as {
      added: string[];
      failed: number;
      index: { articles: number };
    };
    expect(report).toMatchObject({
      added: ['127-0-0-1/library-opening-hours-cut-from-october.md'],
      failed: 1,
      index: { articles: 1 },
    });
    expect(stderr).toContain('added 127-0-0-1/library-opening-hours-cut-from-october.md');
  });
});

describe('reportLines', () => {
  it('GIVEN a server whose status text holds escape sequences THEN the printed line holds only its text', () => {
    // Node passes a status line such as "HTTP/1.1 500 Bad\x1b]0;pwned\x07\x1b[2J" on as is.
    const lines = reportLines(
      {
        results: [
          {
            kind: 'page',
            url: 'https://example.com/a',
            status: 'failed',
            reason: 'HTTP 500 Bad\x1b]0;pwned\x07\x1b[2J',
          },
        ],
        added: [],
        duplicates: 0,
        unchanged: 0,
        failed: 1,
      },
      undefined,
      'data/index',
    );
    expect(lines[0]).toBe('failed    https://example.com/a (HTTP 500 Bad)');
  });
});

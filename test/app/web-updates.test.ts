import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addInChildProcess,
  addPageFromWeb,
  fetchInChildProcess,
} from '../../src/app/web-updates.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { startFixtureServer, type FixtureServer } from '../fetch/fixture-server.js';

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'coverage-web-add-'));
});
afterAll(async () => {
  await server.stop();
  // The child-process tests write beside `dir`, not in it: the add tests read all of `dir`.
  for (const folder of [dir, `${dir}-added-in-child`, `${dir}-polled`]) {
    await rm(folder, { recursive: true, force: true });
  }
});

describe('addPageFromWeb (/coverage add)', () => {
  const add = () =>
    addPageFromWeb(
      { feedsFile: path.join(dir, 'feeds.txt'), dataDir: dir, allowPrivateUrls: true },
      memoryLogger(),
    );

  it("GIVEN a site's front page THEN its feed's new items are added and counted", async () => {
    const url = `${server.base}/articles/front-page.html`;
    expect(await add()(url)).toEqual({ title: '1 article from its feed', url });
    // Nothing new the second time: said so, not reported as a success.
    await expect(add()(url)).rejects.toThrow(UserError);
    await expect(add()(url)).rejects.toThrow(/its feed has no new articles/);
  });

  it('GIVEN the pages read in the fetch child, as the bot does THEN the same title, and the same reason for a missing page', async () => {
    const settings = {
      feedsFile: path.join(dir, 'feeds.txt'),
      dataDir: `${dir}-added-in-child`,
      allowPrivateUrls: true,
    };
    const inChild = addPageFromWeb(settings, memoryLogger(), addInChildProcess(settings));
    const url = `${server.base}/articles/harbour-og-only.html`;
    expect((await inChild(url)).title).toMatch(/\S/);
    await expect(inChild(`${server.base}/missing`)).rejects.toThrow(/HTTP 404/);
  });

  it('GIVEN an article page THEN its title; GIVEN a missing page THEN why', async () => {
    const url = `${server.base}/articles/harbour-og-only.html`;
    expect((await add()(url)).title).toMatch(/\S/);
    await expect(add()(`${server.base}/missing`)).rejects.toThrow(/HTTP 404/);
  });
});

describe("fetchInChildProcess (the running bot's feed polls)", () => {
  it('GIVEN a feed THEN a child process writes its new items and answers with the report', async () => {
    const articles = `${dir}-polled`;
    const fetchFeeds = fetchInChildProcess({
      feedsFile: path.join(dir, 'feeds.txt'),
      dataDir: articles,
      allowPrivateUrls: true,
    });
    const report = await fetchFeeds(
      [{ url: `${server.base}/feeds/wordpress.xml` }],
      new AbortController().signal,
    );
    const council = report.results.find((r) => r.kind === 'page' && r.url.includes('council'));
    expect(council).toMatchObject({ status: 'added' });
    expect(report.added).toContain(council!.file);
    expect(await readFile(path.join(articles, council!.file!), 'utf8')).toMatch(
      /^title: "Council approves £4\.2m flood defence budget"$/m,
    );
  });

  it('GIVEN an aborted poll THEN it rejects with the abort and starts no child', async () => {
    const abort = new AbortController();
    abort.abort(new Error('shutting down'));
    const fetchFeeds = fetchInChildProcess({
      feedsFile: path.join(dir, 'feeds.txt'),
      dataDir: path.join(dir, 'never'),
      allowPrivateUrls: true,
    });
    await expect(
      fetchFeeds([{ url: `${server.base}/feeds/wordpress.xml` }], abort.signal),
    ).rejects.toThrow('shutting down');
  });
});

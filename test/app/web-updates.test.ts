import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPageFromWeb } from '../../src/app/web-updates.js';
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
  await rm(dir, { recursive: true, force: true });
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

  it('GIVEN an article page THEN its title; GIVEN a missing page THEN why', async () => {
    const url = `${server.base}/articles/harbour-og-only.html`;
    expect((await add()(url)).title).toMatch(/\S/);
    await expect(add()(`${server.base}/missing`)).rejects.toThrow(/HTTP 404/);
  });
});

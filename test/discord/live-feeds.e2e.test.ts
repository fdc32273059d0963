/**
 * End to end, issue #9's "done when": `npm start` runs with a short poll interval; a feed is
 * put in the feeds file after start-up, the bot fetches its article from a web server (the
 * fixture server on 127.0.0.1) on its next poll, and answers from it without a restart.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fetch/fixture-server.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { askBot, spawnBot, type SpawnedBot } from './spawned-bot.js';

describe('GIVEN npm start with an empty feeds file, FEED_POLL_MINUTES=0.05 and a web server', () => {
  let fake: FakeDiscord;
  let web: FixtureServer;
  let bot: SpawnedBot;

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: 'live-token' });
    web = await startFixtureServer();
    bot = await spawnBot(
      fake,
      'live-token',
      (cwd) => ({
        FEED_POLL_MINUTES: '0.05',
        FEEDS_FILE: path.join(cwd, 'feeds.txt'),
        // The web server is on 127.0.0.1, which the fetcher refuses by default.
        ALLOW_PRIVATE_URLS: 'true',
      }),
      (cwd) => writeFile(path.join(cwd, 'feeds.txt'), '# no feeds yet\n'),
    );
    await bot.logged('Checking for new articles every 0.05 min');
  }, 120_000);

  afterAll(async () => {
    await bot?.dispose();
    await fake?.close();
    await web?.stop();
  });

  it('WHEN a feed is added after start-up THEN its article is fetched and /ask quotes it, without a restart', async () => {
    await writeFile(path.join(bot.cwd, 'feeds.txt'), `${web.base}/feeds/atom.xml\n`);
    await bot.logged('Coverage updated: 6 articles');

    const first = await askBot(fake, 'When will the central library close on weekdays?');
    expect(first).toContain('close at 5pm');
    expect(first).toContain('Library opening hours cut from October');
    // Written as an ordinary article file, with what the page and feed state.
    const written = await readdir(path.join(bot.cwd, 'articles'), { recursive: true });
    expect(written.some((name) => name.endsWith('.md') && name.includes('library'))).toBe(true);
  }, 120_000);
});

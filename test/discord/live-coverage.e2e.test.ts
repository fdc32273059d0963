/**
 * End to end: `npm start` with a short poll interval; an article written into the data folder
 * after start-up is answered from without a restart.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { askBot, spawnBot, type SpawnedBot } from './spawned-bot.js';

/** An article added after start-up (test/fixtures/live/parade.md). */
const PARADE = readFileSync(new URL('../fixtures/live/parade.md', import.meta.url), 'utf8');

describe('GIVEN npm start with FEED_POLL_MINUTES=0.05 against the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: SpawnedBot;

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: 'live-token' });
    bot = await spawnBot(fake, 'live-token', () => ({ FEED_POLL_MINUTES: '0.05' }));
    await bot.logged('Checking for new articles every 0.05 min');
  }, 120_000);

  afterAll(async () => {
    await bot?.dispose();
    await fake?.close();
  });

  it('WHEN an article is added to the data folder after start-up THEN /ask quotes it, without a restart, and SIGTERM still stops the bot', async () => {
    await writeFile(path.join(bot.cwd, 'articles', 'parade.md'), PARADE);
    await bot.logged('Coverage updated: 6 articles');

    const first = await askBot(fake, 'Which town held a zebra parade?');
    expect(first).toContain('zebra parade');
    expect(first).toContain('— **Example Gazette** · Millbrook holds its first zebra parade');

    expect(await bot.stop()).toBe(0);
    expect(bot.stderr()).toContain('Discord: disconnected');
    expect(bot.stderr()).not.toContain('live-token');
  }, 120_000);
});

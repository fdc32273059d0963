import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCoreConfig, loadDiscordConfig } from '../src/config.js';

const base = { DISCORD_TOKEN: 'token' };

describe('GIVEN the live-update settings', () => {
  it('WHEN none are set THEN the bot polls every 30 minutes and reads data/feeds.txt', () => {
    const config = loadDiscordConfig(base, '/srv/bot');
    expect(config.feedPollMinutes).toBe(30);
    expect(config.feedsFile).toBe(path.resolve('/srv/bot', 'data/feeds.txt'));
  });

  it('WHEN FEED_POLL_MINUTES is a fraction or 0 THEN it is taken as stated', () => {
    expect(loadDiscordConfig({ ...base, FEED_POLL_MINUTES: '0.1' }).feedPollMinutes).toBe(0.1);
    expect(loadDiscordConfig({ ...base, FEED_POLL_MINUTES: ' 0 ' }).feedPollMinutes).toBe(0);
  });

  it.each(['-1', 'often', '1e9'])(
    'WHEN FEED_POLL_MINUTES is "%s" THEN the error names the variable and the range',
    (value) => {
      expect(() => loadDiscordConfig({ ...base, FEED_POLL_MINUTES: value })).toThrow(
        /FEED_POLL_MINUTES: must be a number of minutes from 0 to 10080/,
      );
    },
  );

  it('WHEN FEEDS_FILE is relative THEN it is resolved against the working folder', () => {
    expect(loadCoreConfig({ FEEDS_FILE: 'feeds/news.txt' }, '/srv/bot').feedsFile).toBe(
      path.resolve('/srv/bot', 'feeds/news.txt'),
    );
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFetchConfig } from '../../src/config.js';

describe('loadFetchConfig', () => {
  it('GIVEN nothing set THEN private addresses are refused and the feeds file is data/feeds.txt', () => {
    const config = loadFetchConfig({}, '/srv/bot');
    expect(config.allowPrivateUrls).toBe(false);
    expect(config.feedsFile).toBe(path.resolve('/srv/bot', 'data/feeds.txt'));
  });

  it('GIVEN ALLOW_PRIVATE_URLS=true and FEEDS_FILE THEN both are used', () => {
    const config = loadFetchConfig(
      { ALLOW_PRIVATE_URLS: 'true', FEEDS_FILE: 'my-feeds.txt' },
      '/srv/bot',
    );
    expect(config.allowPrivateUrls).toBe(true);
    expect(config.feedsFile).toBe(path.resolve('/srv/bot', 'my-feeds.txt'));
  });

  it('GIVEN ALLOW_PRIVATE_URLS=maybe THEN the error names the variable', () => {
    expect(() => loadFetchConfig({ ALLOW_PRIVATE_URLS: 'maybe' })).toThrow(
      /ALLOW_PRIVATE_URLS: must be true or false/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseFeedsFile } from '../../src/fetch/feeds-file.js';

describe('parseFeedsFile', () => {
  it('GIVEN URLs, outlet names, comments and a bad line THEN sources and a line-numbered problem come back', () => {
    const parsed = parseFeedsFile(
      [
        '# my feeds',
        'https://example.com/feed/   Example Gazette   # the local paper',
        '',
        'https://news.example.org/rss.xml',
        'example.net/feed',
        'https://example.com/feed/ duplicate',
        '   # https://disabled.example/feed',
      ].join('\n'),
    );
    expect(parsed.sources).toEqual([
      { url: 'https://example.com/feed/', outlet: 'Example Gazette' },
      { url: 'https://news.example.org/rss.xml' },
    ]);
    expect(parsed.problems).toEqual([
      'line 5: "example.net/feed" is not an http(s) URL; write one feed URL per line, optionally followed by an outlet name',
    ]);
  });

  it('GIVEN the shipped example file THEN it enables no feed and has no problem', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../data/feeds.txt', import.meta.url), 'utf8');
    expect(parseFeedsFile(text)).toEqual({ sources: [], problems: [] });
  });
});

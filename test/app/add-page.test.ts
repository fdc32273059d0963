import { describe, expect, it } from 'vitest';
import { addPageAndRefresh, parsePageUrl } from '../../src/app/add-page.js';
import type { RefreshOptions, RefreshReport } from '../../src/app/live-coverage.js';

describe('GIVEN what a user typed as a page to add', () => {
  it('WHEN it is a web link THEN it is taken, trimmed', () => {
    expect(parsePageUrl('  https://example.com/news/a?b=1 ').href).toBe(
      'https://example.com/news/a?b=1',
    );
  });

  it.each([
    [
      'example.com/news',
      '"example.com/news" is not a web address: paste the article\'s full link, starting with https://',
    ],
    [
      'javascript:alert(1)',
      '"javascript:alert(1)" is a javascript link: only web pages (https://…) can be added.',
    ],
  ])('WHEN it is "%s" THEN the message says what to paste', (text, message) => {
    expect(() => parsePageUrl(text)).toThrow(message);
  });
});

describe('GIVEN a page fetcher and the live coverage', () => {
  it('WHEN a page is added THEN the coverage is refreshed without fetching the feeds, after the page is written', async () => {
    const events: string[] = [];
    const add = addPageAndRefresh(
      async (url) => {
        events.push(`fetch ${url}`);
        return { title: 'T' };
      },
      {
        refresh: async (options?: RefreshOptions): Promise<RefreshReport> => {
          events.push(`refresh fetch=${String(options?.fetch)}`);
          return { outcome: 'swapped', seconds: 0 };
        },
      },
    );
    const result = await add('https://example.com/a');
    expect(events).toEqual(['fetch https://example.com/a', 'refresh fetch=false']);
    expect(result.refresh.outcome).toBe('swapped');
  });

  it('WHEN the link is not a web address THEN nothing is fetched', async () => {
    let fetched = false;
    const add = addPageAndRefresh(
      async () => {
        fetched = true;
        return { title: 'T' };
      },
      { refresh: async () => ({ outcome: 'unchanged', seconds: 0 }) },
    );
    await expect(add('not a link')).rejects.toThrow('is not a web address');
    expect(fetched).toBe(false);
  });
});

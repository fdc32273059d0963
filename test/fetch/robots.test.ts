import { describe, expect, it } from 'vitest';
import {
  createRobotsPolicy,
  MAX_CRAWL_DELAY_MS,
  sitemapsIn,
  type RobotsFetch,
} from '../../src/fetch/robots.js';

function policy(answers: Record<string, RobotsFetch | Error>, clock = { now: 0 }) {
  const asked: string[] = [];
  const robots = createRobotsPolicy({
    agent: 'coverage-bot',
    fetchRobots: (url) => {
      asked.push(url);
      const answer = answers[url] ?? { kind: 'missing' };
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    maxAgeMs: 1_000,
    maxOrigins: 2,
    now: () => clock.now,
  });
  return { robots, asked, clock };
}

const found = (text: string): RobotsFetch => ({ kind: 'found', text, url: '' });

describe('createRobotsPolicy', () => {
  it('GIVEN a group for coverage-bot THEN it applies instead of the one for every crawler', async () => {
    const { robots } = policy({
      'https://a.example/robots.txt': found(
        'User-agent: *\nDisallow: /\n\nUser-agent: coverage-bot\nDisallow: /members/\n',
      ),
    });
    expect(await robots.refusal(new URL('https://a.example/news/1'))).toBeUndefined();
    expect(await robots.refusal(new URL('https://a.example/members/x'))).toMatchObject({
      transient: false,
    });
  });

  it('GIVEN a Crawl-delay for our group or every crawler THEN it is the pause asked for, capped', async () => {
    const { robots } = policy({
      'https://slow.example/robots.txt': found('User-agent: *\nCrawl-delay: 2.5\n'),
      'https://greedy.example/robots.txt': found(
        'User-agent: *\nCrawl-delay: 1\n\nUser-agent: coverage-bot\nCrawl-delay: 3600\n',
      ),
      'https://junk.example/robots.txt': found('User-agent: *\nCrawl-delay: soon\n'),
    });
    expect(await robots.crawlDelayMs(new URL('https://slow.example/a'))).toBe(2_500);
    expect(await robots.crawlDelayMs(new URL('https://greedy.example/a'))).toBe(MAX_CRAWL_DELAY_MS);
    expect(await robots.crawlDelayMs(new URL('https://junk.example/a'))).toBeUndefined();
    expect(await robots.crawlDelayMs(new URL('https://none.example/a'))).toBeUndefined();
  });

  it('GIVEN no robots.txt THEN everything is allowed; GIVEN an unreachable one THEN nothing, for now', async () => {
    const { robots } = policy({
      'https://down.example/robots.txt': { kind: 'unreachable', reason: 'HTTP 503' },
      'https://broken.example/robots.txt': new Error('socket hang up'),
    });
    expect(await robots.refusal(new URL('https://none.example/a'))).toBeUndefined();
    expect(await robots.refusal(new URL('https://down.example/a'))).toMatchObject({
      reason: expect.stringContaining('HTTP 503'),
      transient: true,
    });
    expect(await robots.refusal(new URL('https://broken.example/a'))).toMatchObject({
      transient: true,
    });
  });

  it('GIVEN an unreachable robots.txt THEN it is asked for again sooner than a found one', async () => {
    const clock = { now: 0 };
    const asked: string[] = [];
    const robots = createRobotsPolicy({
      agent: 'coverage-bot',
      fetchRobots: (url) => {
        asked.push(url);
        return Promise.resolve(
          url.includes('down')
            ? { kind: 'unreachable' as const, reason: 'HTTP 503' }
            : { kind: 'missing' as const },
        );
      },
      maxAgeMs: 10_000,
      retryUnreachableMs: 100,
      now: () => clock.now,
    });
    await robots.refusal(new URL('https://down.example/a'));
    await robots.refusal(new URL('https://up.example/a'));
    clock.now = 101;
    await robots.refusal(new URL('https://down.example/b'));
    await robots.refusal(new URL('https://up.example/b'));
    expect(asked).toEqual([
      'https://down.example/robots.txt',
      'https://up.example/robots.txt',
      'https://down.example/robots.txt',
    ]);
  });

  it('GIVEN one origin asked often THEN its robots.txt is fetched once per period, and few origins are kept', async () => {
    const { robots, asked, clock } = policy({});
    await robots.refusal(new URL('https://a.example/1'));
    await robots.refusal(new URL('https://a.example/2'));
    await robots.refusal(new URL('http://a.example/3')); // another origin (scheme)
    expect(asked).toEqual(['https://a.example/robots.txt', 'http://a.example/robots.txt']);
    clock.now = 1_001;
    await robots.refusal(new URL('https://a.example/4'));
    expect(asked).toHaveLength(3);
    await robots.refusal(new URL('https://b.example/1'));
    await robots.refusal(new URL('https://c.example/1')); // the oldest (http://a) is dropped
    await robots.refusal(new URL('http://a.example/5'));
    expect(asked.at(-1)).toBe('http://a.example/robots.txt');
    expect(asked).toHaveLength(6);
  });
});

describe('sitemapsIn', () => {
  it('GIVEN Sitemap lines THEN the http(s) ones, news sitemaps first', () => {
    const text =
      'User-agent: *\nDisallow: /admin/\nSitemap: https://a.example/sitemap.xml\nSitemap: ftp://a.example/x.xml\nsitemap: https://a.example/news-sitemap.xml\n';
    expect(sitemapsIn(text, 'https://a.example/robots.txt')).toEqual([
      'https://a.example/news-sitemap.xml',
      'https://a.example/sitemap.xml',
    ]);
    expect(sitemapsIn('User-agent: *\nDisallow:\n', 'https://a.example/robots.txt')).toEqual([]);
  });
});

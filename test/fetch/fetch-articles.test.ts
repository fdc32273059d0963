import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addPagesToArchive,
  fetchFeedsIntoArchive,
  type FetchOptions,
  type FetchReport,
} from '../../src/app/fetch-articles.js';
import { STATE_FILE_NAME } from '../../src/fetch/fetch-state.js';
import { PROJECT_URL } from '../../src/fetch/http-client.js';
import { readArticles } from '../../src/ingest/read-articles.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'coverage-fetch-'));
  await server.requests();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Local fixtures: no politeness pause; a stall is given up after 3 s (default 15 s). */
function options(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    articlesDir: dir,
    allowPrivate: true,
    http: { perHostDelayMs: 0, idleTimeoutMs: 3_000 },
    ...extra,
  };
}

const feed = (name: string) => ({ url: `${server.base}/feeds/${name}` });
const read = (file: string) => readFile(path.join(dir, file), 'utf8');
const page = (report: FetchReport, fragment: string) =>
  report.results.find((result) => result.kind === 'page' && result.url.includes(fragment));

async function articleFiles(): Promise<string[]> {
  const files = await readdir(dir, { recursive: true });
  return files.filter((file) => file.endsWith('.md')).sort();
}

describe('fetchFeedsIntoArchive', () => {
  it('GIVEN a WordPress RSS feed THEN each item is written with the JSON-LD metadata and the page text verbatim, without furniture', async () => {
    const report = await fetchFeedsIntoArchive([feed('wordpress.xml')], options());

    const council = page(report, 'council-budget');
    expect(council).toMatchObject({ status: 'added', feed: `${server.base}/feeds/wordpress.xml` });
    expect(council?.file).toBe(
      'riverside-gazette/2025-09-03-council-approves-4-2m-flood-defence-budget.md',
    );
    const text = await read(council!.file!);
    expect(text).toBe(
      [
        '---',
        'title: "Council approves £4.2m flood defence budget"',
        'outlet: "Riverside Gazette"',
        'published: "2025-09-03T08:15:00+00:00"',
        // The canonical link, not the feed's link with its utm_ parameters.
        `url: "${server.base}/articles/council-budget.html"`,
        'author: "Priya Natarajan"',
        '---',
        '',
        'Riverside councillors voted 31 to 4 on Tuesday night to spend £4.2 million on new flood defences along the lower Avon, two winters after the river overtopped its banks and flooded more than 200 homes in the Meadows estate.',
        '',
        'The scheme will raise the embankment at Mill Lane by 60 centimetres, install two pumping stations and replace the ageing sluice gate at Ferry Road, which engineers said had “reached the end of its safe working life”.',
        '',
        'Residents’ concerns',
        '',
        'Speaking before the vote, Meadows resident Janet Okafor told the chamber that families on her street were still waiting for insurance payouts. “We have been promised action every year since 2023,” she said. “Tonight we want a date.”',
        '',
        'Council leader Tom Whitfield said work would begin in March and finish before the end of next year, with an updated flood map published in the spring.',
        '',
      ].join('\n'),
    );

    // A paywall stub is reported, not written.
    expect(page(report, 'paywall')).toMatchObject({ status: 'failed' });
    expect(page(report, 'paywall')?.reason).toMatch(/no article text .*paywall/);
    // A page gone (404) whose feed item carries the full text: the feed's text, footer removed.
    const gone = page(report, 'gone.html');
    expect(gone).toMatchObject({ status: 'added' });
    expect(gone?.reason).toMatch(/HTTP 404.*text from the feed/);
    const goneText = await read(gone!.file!);
    expect(goneText).toContain('published: "2025-09-01T09:30:00Z"');
    expect(goneText).toContain('Cyclists will be diverted along Station Road');
    expect(goneText).not.toMatch(/appeared first on/);

    const feedResult = report.results.find((result) => result.kind === 'feed');
    expect(feedResult).toMatchObject({ status: 'fetched', items: 3, newItems: 3, deferred: 0 });
    expect(report.added).toHaveLength(2);
    expect(report.failed).toBe(1);
    // The written files are articles to the existing ingest, with the same text.
    const { articles, skipped } = await readArticles(dir);
    expect(skipped).toEqual([]);
    expect(articles.map((article) => article.title).sort()).toEqual([
      'Council approves £4.2m flood defence budget',
      'Cycle path to close for resurfacing',
    ]);
  });

  it('GIVEN an Atom feed whose page states nothing THEN title, date, author and outlet come from the feed', async () => {
    const report = await fetchFeedsIntoArchive([feed('atom.xml')], options());
    const library = page(report, 'plain-page');
    expect(library?.status).toBe('added');
    const text = await read(library!.file!);
    expect(text.split('---\n')[1]).toBe(
      [
        'title: "Library opening hours cut from October"',
        'outlet: "County Bulletin"',
        'published: "2025-09-05T15:30:00+01:00"',
        `url: "${server.base}/articles/plain-page.html"`,
        'author: "Culture desk"',
        '',
      ].join('\n'),
    );
    expect(text).toContain(
      'Union representatives said six part-time posts would go. The department said no one would be made redundant against their will.',
    );
  });

  it('GIVEN a JSON Feed THEN share bars, related links and comments stay out, and only stated fields are written', async () => {
    const report = await fetchFeedsIntoArchive([feed('feed.json')], options());
    const rail = await read(page(report, 'share-bars')!.file!);
    expect(rail).toContain('title: "Rail strike called off after late-night talks"');
    expect(rail).toContain('author: "Sam Oduya, Lena Berg"');
    expect(rail).toContain('published: "2025-09-05"');
    expect(rail).toContain(
      'Services on all routes are expected to run normally, although the operator warned that engineering works would still close the line between Halden and Brookmere on Sunday.',
    );
    for (const furniture of [
      'Share',
      'Tweet',
      'Fares to rise',
      '3 Comments',
      'Great news for commuters',
    ]) {
      expect(rail).not.toContain(furniture);
    }

    // An item without a link: its own text, nothing fetched.
    const note = report.results.find((result) => result.url === 'ledger-weather-note');
    expect(note).toMatchObject({
      status: 'added',
      file: 'northern-ledger/2025-09-05-weather-warning-for-the-weekend.md',
      reason: 'the feed item has no link; text from the feed',
    });
    const noteText = await read(note!.file!);
    expect(noteText).not.toContain('url:');
    expect(noteText).toContain('Drivers are advised to allow extra time for journeys');

    const harbour = page(report, 'harbour-og-only');
    const ferry = await read(harbour!.file!);
    expect(harbour?.file).toBe(
      'coastline-courier/2025-08-28-harbour-ferry-returns-after-six-month-repair.md',
    );
    // og:url, not the feed link with utm_ and fbclid; article:author is a URL, so no author.
    expect(ferry).toContain(`url: "${server.base}/articles/harbour-og-only.html"\n`);
    expect(ferry).not.toContain('author:');
    expect(ferry).not.toContain('Photo: Courier staff');
    expect(ferry).toContain('"She is in better shape than when she arrived in 1998," Ruiz said');
  });

  it('GIVEN a second run THEN each unchanged feed costs one conditional request answered 304, and nothing is written', async () => {
    const feeds = [feed('wordpress.xml'), feed('atom.xml'), feed('feed.json')];
    const first = await fetchFeedsIntoArchive(feeds, options());
    expect(first.added.length).toBeGreaterThan(0);
    const firstRequests = await server.requests();
    for (const request of firstRequests) {
      expect(request.headers['user-agent']).toContain('coverage-bot');
      expect(request.headers['user-agent']).toContain(PROJECT_URL);
    }
    const before = await articleFiles();

    const second = await fetchFeedsIntoArchive(feeds, options());
    const requests = await server.requests();
    // One request per feed, each conditional; the paywalled item (failed for good) is not retried.
    expect(requests.map((request) => request.path).sort()).toEqual(
      ['/feeds/atom.xml', '/feeds/feed.json', '/feeds/wordpress.xml'].sort(),
    );
    for (const request of requests) {
      expect(request.headers['if-none-match']).toMatch(/^".+"$/);
      expect(request.headers['if-modified-since']).toBe('Fri, 05 Sep 2025 16:00:00 GMT');
    }
    expect(second.results.filter((r) => r.kind === 'feed').map((r) => r.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(second.results.every((result) => result.reason === 'not modified (304)')).toBe(true);
    expect(second.added).toEqual([]);
    expect(await articleFiles()).toEqual(before);
  });

  it('GIVEN failures of every kind THEN each is reported with its reason and the other sources are still read', async () => {
    const report = await fetchFeedsIntoArchive(
      [
        feed('malformed.xml'),
        { url: `${server.base}/feeds/missing.xml` },
        { url: `${server.base}/articles/plain-page.html` },
        feed('atom.xml'),
      ],
      options(),
    );
    const feeds = report.results.filter((result) => result.kind === 'feed');
    expect(feeds[0]).toMatchObject({ status: 'failed' });
    expect(feeds[0]?.reason).toMatch(/^malformed XML/);
    expect(feeds[1]?.reason).toBe('HTTP 404 Not Found');
    expect(feeds[2]?.reason).toMatch(/web page, not a feed/);
    expect(feeds[3]).toMatchObject({ status: 'fetched', newItems: 1 });
    expect(report.added).toHaveLength(1);
  });

  it("GIVEN a site's front page in the feeds file THEN the feed it links is read, and asked for directly next time", async () => {
    const front = { url: `${server.base}/articles/front-page.html` };
    const first = await fetchFeedsIntoArchive([front], options());
    expect(first.results[0]).toMatchObject({ kind: 'feed', url: front.url, status: 'fetched' });
    expect(first.results[0]?.reason).toBe(`the feed the page links: ${server.base}/feeds/atom.xml`);
    expect(first.added).toHaveLength(1);
    await server.requests();

    const second = await fetchFeedsIntoArchive([front], options());
    const requests = await server.requests();
    expect(requests.map((request) => request.path)).toEqual(['/feeds/atom.xml']);
    expect(requests[0]?.headers['if-none-match']).toMatch(/^".+"$/);
    expect(second.results).toEqual([
      { kind: 'feed', url: front.url, status: 'unchanged', reason: 'not modified (304)' },
    ]);
  });

  it("GIVEN a page that links no feed THEN the sitemap the site's robots.txt lists is read", async () => {
    await server.setRobots(
      `User-agent: *\nAllow: /\n\nSitemap: ${server.base}/feeds/news-sitemap.xml\n`,
    );
    try {
      const page = { url: `${server.base}/articles/harbour-og-only.html` };
      const report = await fetchFeedsIntoArchive([page], options());
      expect(report.results[0]).toMatchObject({ kind: 'feed', status: 'fetched', newItems: 1 });
      expect(report.results[0]?.reason).toBe(
        `the sitemap the site's robots.txt lists: ${server.base}/feeds/news-sitemap.xml`,
      );
      expect(report.added).toHaveLength(1);
    } finally {
      await server.setRobots('');
    }
  });

  it("GIVEN a sitemap index THEN its newest news sitemap is read, with the sitemap's title, date and outlet", async () => {
    const report = await fetchFeedsIntoArchive([feed('sitemap-index.xml')], options());
    expect(report.results[0]).toMatchObject({ kind: 'feed', status: 'fetched', newItems: 1 });
    expect(report.results[0]?.reason).toBe(
      `the index's newest sitemap: ${server.base}/feeds/news-sitemap.xml`,
    );
    const text = await read(report.added[0]!);
    expect(text).toContain('published: "2025-09-05T15:30:00+01:00"');
    expect(text).toContain('outlet: "County Bulletin"');
    // The older sitemap was never asked for.
    expect((await server.requests()).some((r) => r.path.includes('sitemap-2024'))).toBe(false);
  });

  it('GIVEN a feed with relative links and a JSON-LD-less page THEN links resolve against the feed and the feed date is used', async () => {
    const report = await fetchFeedsIntoArchive([feed('relative.xml')], options());
    const library = page(report, 'plain-page');
    expect(library).toMatchObject({
      status: 'added',
      url: `${server.base}/articles/plain-page.html`,
    });
    const text = await read(library!.file!);
    expect(text).toContain('published: "2025-09-05T14:30:00Z"');
    expect(text).toContain('outlet: "Relative Links Weekly"');
  });

  it('GIVEN a feed of 5,000 items THEN the 5 newest are read this run, the rest are left for the next ones', async () => {
    const run = () => fetchFeedsIntoArchive([feed('big.xml')], options({ maxNewItemsPerFeed: 5 }));
    const first = await run();
    expect(first.results[0]).toMatchObject({
      status: 'fetched',
      items: 5000,
      newItems: 5,
      deferred: 4995,
    });
    expect(first.added.map((file) => path.basename(file))).toEqual(
      [4999, 4998, 4997, 4996, 4995].map(
        (n) => expect.stringContaining(`generated-story-${n}.md`) as unknown as string,
      ),
    );
    const second = await run();
    // Items were left over, so the feed was read in full again (no 304) and the next 5 taken.
    expect(second.results[0]).toMatchObject({ status: 'fetched', newItems: 5, deferred: 4990 });
    expect(second.added.map((file) => path.basename(file))).toEqual(
      [4994, 4993, 4992, 4991, 4990].map(
        (n) => expect.stringContaining(`generated-story-${n}.md`) as unknown as string,
      ),
    );
    const state = JSON.parse(await readFile(path.join(dir, STATE_FILE_NAME), 'utf8')) as {
      seen: Record<string, string>;
    };
    expect(Object.keys(state.seen)).toHaveLength(10);
  });
});

describe('addPagesToArchive', () => {
  it('GIVEN a page with neither JSON-LD nor OpenGraph THEN only its title and address are written', async () => {
    const report = await addPagesToArchive([`${server.base}/articles/plain-page.html`], options());
    expect(report.results[0]).toMatchObject({
      status: 'added',
      file: '127-0-0-1/library-opening-hours-cut-from-october.md',
    });
    const text = await read(report.added[0]!);
    expect(text.split('---\n')[1]).toBe(
      `title: "Library opening hours cut from October"\nurl: "${server.base}/articles/plain-page.html"\n`,
    );
  });

  it('GIVEN a news-site page (cookie banner, ad slot, newsletter box, share bar, most-read list) THEN the story alone is written', async () => {
    const report = await addPagesToArchive([`${server.base}/articles/news-site.html`], options());
    expect(report.results[0]).toMatchObject({
      status: 'added',
      file: 'the-daily-tributary/2025-09-04-water-company-fined-2-1m-over-sewage-spills.md',
    });
    expect(await read(report.added[0]!)).toBe(
      [
        '---',
        'title: "Water company fined £2.1m over sewage spills"',
        'outlet: "The Daily Tributary"',
        'published: "2025-09-04T11:32:08.000Z"',
        'url: "https://www.dailytributary.example/uk-news/2025/sep/04/water-company-fined-sewage-spills"',
        'author: "Hannah Ellis, Owen Price"',
        '---',
        '',
        // The standfirst is the outlet's own summary, stated on the page: kept.
        'Regulator says Vale Water failed to report 1,300 discharges into the river Leith over three years',
        '',
        'Vale Water has been fined £2.1m after an investigation found it failed to report more than 1,300 sewage discharges into the river Leith between 2021 and 2024.',
        '',
        'The Environment Agency said the company had “repeatedly and deliberately” underreported spills from three treatment works upstream of Millbrook, where the river is used by swimmers and a rowing club.',
        '',
        'Judge Caroline Moss, sentencing at Bristol crown court, said the failures had deprived the public of information they were entitled to. “This was not an oversight,” she said.',
        '',
        'Vale Water said it accepted the ruling and had since installed monitors at every overflow on the Leith. Its chief executive, Martin Greaves, apologised to customers.',
        '',
        'Campaigners said the fine amounted to less than a week of the company’s profits.',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN bad URLs THEN each fails with its reason and the good one is still added', async () => {
    const urls = [
      '/missing',
      '/loop-a',
      '/stall',
      '/huge',
      '/report.pdf',
      '/articles/harbour-og-only.html',
    ].map((p) => `${server.base}${p}`);
    const report = await addPagesToArchive(
      [...urls, 'ftp://example.com/file', 'not a url'],
      options(),
    );
    const reasons = report.results.map((result) => `${result.status}: ${result.reason ?? ''}`);
    expect(reasons).toEqual([
      'failed: HTTP 404 Not Found',
      expect.stringMatching(/^failed: redirect loop/),
      'failed: the server stopped sending for 3 s',
      expect.stringMatching(/^failed: larger than 10 MB/),
      'failed: not a web page (application/pdf); only HTML articles can be added',
      'added: ',
      'failed: only http and https links are fetched, not ftp:',
      'failed: not a URL; give a full address starting with https://',
    ]);
    expect(report.failed).toBe(7);
  });

  it("GIVEN a feed's address THEN `add` adds its items, remembered as a feed run would", async () => {
    const report = await addPagesToArchive([`${server.base}/feeds/atom.xml`], options());
    expect(report.results.map((r) => [r.kind, r.status])).toEqual([
      ['feed', 'fetched'],
      ['page', 'added'],
    ]);
    expect(await articleFiles()).toHaveLength(1);
    const again = await fetchFeedsIntoArchive([feed('atom.xml')], options());
    expect(again.results[0]).toMatchObject({ status: 'unchanged' });
  });

  it("GIVEN a site's front page THEN `add` reads the feed it links; an article page that links one is not expanded", async () => {
    const report = await addPagesToArchive(
      [`${server.base}/articles/front-page.html`, `${server.base}/articles/paywall.html`],
      options(),
    );
    expect(report.results.map((r) => [r.kind, r.status])).toEqual([
      ['feed', 'fetched'],
      ['page', 'added'],
      ['page', 'failed'],
    ]);
    expect(report.results[2]?.reason).toMatch(/no article text/);
    expect(report.added).toHaveLength(1);
  });

  it('GIVEN the same article under other addresses THEN it is one article', async () => {
    const first = await addPagesToArchive(
      [`${server.base}/articles/council-budget.html`],
      options(),
    );
    expect(first.added).toHaveLength(1);
    const again = await addPagesToArchive(
      [
        `${server.base}/articles/council-budget.html?utm_source=newsletter&fbclid=abc`,
        `${server.base}/amp/articles/council-budget.html`,
        `${server.base}/articles/council-budget.html/`,
      ],
      options(),
    );
    expect(again.results.map((result) => result.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(again.results[0]?.file).toBe(first.added[0]);
    // And through the feed, whose link carries utm_ parameters.
    const viaFeed = await fetchFeedsIntoArchive([feed('wordpress.xml')], options());
    expect(page(viaFeed, 'council-budget')).toMatchObject({
      status: 'duplicate',
      file: first.added[0],
    });
    expect((await articleFiles()).filter((file) => file.includes('council'))).toHaveLength(1);
  });

  it('GIVEN the same text under an unrelated address THEN the content hash finds the twin', async () => {
    await addPagesToArchive([`${server.base}/articles/plain-page.html`], options());
    // /moved redirects to the same page: another URL, same text.
    const report = await addPagesToArchive([`${server.base}/moved`], options());
    expect(report.results[0]).toMatchObject({ status: 'duplicate' });
  });

  it('GIVEN a host name and ALLOW_PRIVATE_URLS THEN the name is resolved through the injected resolver and fetched', async () => {
    const resolve = (host: string) =>
      Promise.resolve(host === 'news.example' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const port = new URL(server.base).port;
    const report = await addPagesToArchive(
      [`http://news.example:${port}/articles/plain-page.html`],
      options({ resolve }),
    );
    expect(report.results[0]).toMatchObject({
      status: 'added',
      file: 'news-example/library-opening-hours-cut-from-october.md',
    });
    expect((await server.requests()).map((request) => request.host)).toEqual([
      `news.example:${port}`,
      `news.example:${port}`,
    ]);
  });

  it('GIVEN private addresses without ALLOW_PRIVATE_URLS THEN nothing is requested and the reason says how to allow it', async () => {
    const resolve = (host: string) =>
      Promise.resolve(host === 'news.example' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const port = new URL(server.base).port;
    const report = await addPagesToArchive(
      [
        `${server.base}/articles/plain-page.html`,
        `http://news.example:${port}/articles/plain-page.html`,
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]/',
      ],
      options({ allowPrivate: false, resolve }),
    );
    expect(report.results.map((result) => result.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(report.results[0]?.reason).toMatch(
      /127\.0\.0\.1 is a loopback address.*ALLOW_PRIVATE_URLS=true/,
    );
    expect(report.results[1]?.reason).toMatch(
      /news\.example resolves to 127\.0\.0\.1 is a loopback address/,
    );
    expect(report.results[2]?.reason).toMatch(/169\.254\.169\.254 is a link-local address/);
    expect(await server.requests()).toEqual([]);
    expect(await articleFiles()).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf } from '../../src/fetch/address-policy.js';
import {
  createHttpClient,
  DEFAULT_HTTP_OPTIONS,
  decodeBody,
  FetchError,
  USER_AGENT,
  type HttpClientOptions,
} from '../../src/fetch/http-client.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.stop();
});

function client(extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: USER_AGENT,
    allowPrivate: false,
    perHostDelayMs: 0,
    ...extra,
  });
}

describe('refusalOf', () => {
  it('GIVEN private, loopback, link-local and other special addresses THEN each is refused; public ones pass', () => {
    for (const address of [
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ]) {
      expect(refusalOf(address), address).toBeDefined();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(refusalOf(address), address).toBeUndefined();
    }
  });
});

describe('createHttpClient', () => {
  it('GIVEN a redirect to a private address THEN the hop is refused, though the first address was allowed', async () => {
    // Loopback stands in for "public" here, so the first hop reaches the fixture server.
    const onlyLoopback = (address: string) =>
      address === '127.0.0.1' ? undefined : refusalOf(address);
    const get = client({ refusal: onlyLoopback }).get({
      url: `${server.base}/to-private`,
      want: 'page',
    });
    await expect(get).rejects.toThrow(/10\.11\.12\.13 is a private address/);
    // robots.txt first (the fixture site has none), then the page; the private hop never.
    expect((await server.requests()).map((request) => request.path)).toEqual([
      '/robots.txt',
      '/to-private',
    ]);
  });

  it('GIVEN a host name resolving to one public and one private address THEN it is refused', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '192.168.0.10', family: 4 },
      ]);
    const get = client({ resolve }).get({ url: 'http://mixed.example/', want: 'page' });
    await expect(get).rejects.toThrow(
      /mixed\.example resolves to 192\.168\.0\.10 is a private address/,
    );
  });

  it('GIVEN a page that trickles forever THEN the total timeout ends it', async () => {
    const get = client({ allowPrivate: true, idleTimeoutMs: 60_000, totalTimeoutMs: 1_000 }).get({
      url: `${server.base}/stall`,
      want: 'page',
    });
    await expect(get).rejects.toThrow(/took longer than 1 s in all/);
  });

  it('GIVEN a feed fetched with its validators THEN the answer is "not modified"', async () => {
    const http = client({ allowPrivate: true });
    const first = await http.get({ url: `${server.base}/feeds/atom.xml`, want: 'feed' });
    expect(first.notModified).toBe(false);
    if (first.notModified) return;
    expect(first.etag).toMatch(/^".+"$/);
    const second = await http.get({
      url: `${server.base}/feeds/atom.xml`,
      want: 'feed',
      ...(first.etag === undefined ? {} : { etag: first.etag }),
    });
    expect(second.notModified).toBe(true);
  });

  it('GIVEN a gzip-compressed page THEN it is decompressed; GIVEN a gzip bomb THEN the limit counts decompressed bytes', async () => {
    const http = client({ allowPrivate: true });
    const page = await http.get({ url: `${server.base}/gzip-page`, want: 'page' });
    expect(page.notModified === false && page.text).toContain(
      'Library opening hours cut from October',
    );
    await expect(http.get({ url: `${server.base}/gzip-bomb`, want: 'page' })).rejects.toThrow(
      /larger than 10 MB/,
    );
  });

  it('GIVEN a chain of redirects THEN five are followed and a sixth is refused', async () => {
    const http = client({ allowPrivate: true });
    const five = await http.get({ url: `${server.base}/chain?n=5`, want: 'page' });
    expect(five.url).toBe(`${server.base}/articles/plain-page.html`);
    await expect(http.get({ url: `${server.base}/chain?n=6`, want: 'page' })).rejects.toThrow(
      'more than 5 redirects',
    );
  });

  it('GIVEN errors THEN they are FetchErrors marked transient or not', async () => {
    const http = client({ allowPrivate: true, idleTimeoutMs: 3_000 });
    const stalled = await http
      .get({ url: `${server.base}/stall`, want: 'page' })
      .catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(FetchError);
    expect((stalled as FetchError).transient).toBe(true);
    const missing = await http
      .get({ url: `${server.base}/nope`, want: 'page' })
      .catch((e: unknown) => e);
    expect((missing as FetchError).transient).toBe(false);
  });
});

describe('robots.txt', () => {
  afterEach(async () => {
    await server.setRobots('');
  });

  it('GIVEN rules for every crawler and for coverage-bot THEN pages under its disallowed paths are not requested; feeds are', async () => {
    await server.setRobots(
      'User-agent: *\nDisallow: /\n\nUser-agent: coverage-bot\nDisallow: /articles/\nAllow: /articles/plain-page.html\n',
    );
    await server.requests(); // forget earlier tests' requests
    const http = client({ allowPrivate: true });
    const refused = await http
      .get({ url: `${server.base}/articles/wordpress-article.html`, want: 'page' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FetchError);
    expect((refused as FetchError).message).toMatch(
      /robots\.txt asks crawlers to keep out of \/articles\/wordpress-article\.html/,
    );
    expect((refused as FetchError).transient).toBe(false);
    const allowed = await http.get({
      url: `${server.base}/articles/plain-page.html`,
      want: 'page',
    });
    expect(allowed.notModified).toBe(false);
    const feed = await http.get({ url: `${server.base}/feeds/atom.xml`, want: 'feed' });
    expect(feed.notModified).toBe(false);
    // One robots.txt for the whole run; the refused page was never asked for.
    expect((await server.requests()).map((request) => request.path)).toEqual([
      '/robots.txt',
      '/articles/plain-page.html',
      '/feeds/atom.xml',
    ]);
  });

  it('GIVEN a Crawl-delay THEN page requests to the site are at least that far apart', async () => {
    await server.setRobots('User-agent: *\nCrawl-delay: 1\n');
    const http = client({ allowPrivate: true }); // no pause of our own
    const page = { url: `${server.base}/articles/plain-page.html`, want: 'page' as const };
    await http.get(page);
    const started = performance.now();
    await http.get(page);
    // A lower bound only: a busy machine makes the gap longer, never shorter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('GIVEN a redirect into a disallowed path THEN the hop is not followed', async () => {
    await server.setRobots('User-agent: coverage-bot\nDisallow: /articles/\n');
    const get = client({ allowPrivate: true }).get({
      url: `${server.base}/chain?n=1`,
      want: 'page',
    });
    await expect(get).rejects.toThrow(/keep out of \/articles\/plain-page\.html/);
  });

  it('GIVEN robots.txt answering 503 THEN pages wait (a transient failure); GIVEN obeyRobots false THEN they are fetched', async () => {
    await server.setRobots('503');
    const refused = await client({ allowPrivate: true })
      .get({ url: `${server.base}/articles/plain-page.html`, want: 'page' })
      .catch((e: unknown) => e);
    expect((refused as FetchError).message).toMatch(/robots\.txt could not be read \(HTTP 503/);
    expect((refused as FetchError).transient).toBe(true);
    const page = await client({ allowPrivate: true, obeyRobots: false }).get({
      url: `${server.base}/articles/plain-page.html`,
      want: 'page',
    });
    expect(page.notModified).toBe(false);
  });
});

describe('decodeBody', () => {
  it('GIVEN a Windows-1252 page declared in a meta tag THEN its curly quotes are decoded', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body>'),
      Buffer.from([0x93, 0x48, 0x69, 0x94]),
      Buffer.from('</body></html>'),
    ]);
    expect(decodeBody(bytes, 'text/html')).toContain('“Hi”');
  });
});

import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { decodeText, decodeWindows1252 } from '../ingest/decode.js';
import { isIpLiteral, refusalOf } from './address-policy.js';
import { HostQueue } from './host-queue.js';
import { createRobotsPolicy, type RobotsFetch } from './robots.js';

/**
 * The only door to the web: a small HTTP client that behaves like a polite crawler. It names
 * itself, asks one host one thing at a time, gives up on slow or oversized answers, refuses
 * what it did not ask for, follows a bounded number of redirects, supports conditional
 * requests, and never connects to a private, loopback or link-local address unless allowed.
 */

/** A failure of one URL, with a message fit for the per-URL report. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly url: string,
    message: string,
    /** True when trying again later may succeed (timeouts, network errors, 5xx, 429). */
    readonly transient = false,
    /** For a document of a kind not asked for: its media type (a feed where a page was asked). */
    readonly mediaType?: string,
  ) {
    super(message);
  }
}

/** Resolves a host name to its addresses (all of them), as `dns.lookup(host, { all: true })`. */
export type Resolver = (host: string) => Promise<readonly { address: string; family: number }[]>;

/** What kind of document a request wants; decides the Accept header and the allowed types. */
export type WantedKind = 'feed' | 'page' | 'robots';

export interface HttpClientOptions {
  /** Sent with every request: names the bot and where to find out about it. */
  readonly userAgent: string;
  /** Allow private, loopback and link-local addresses (ALLOW_PRIVATE_URLS). */
  readonly allowPrivate: boolean;
  /**
   * Why an address may not be contacted (undefined: it may). Default {@link refusalOf}: only
   * public unicast addresses. Ignored when `allowPrivate` is set.
   */
  readonly refusal?: (address: string) => string | undefined;
  /** DNS resolution; tests inject a fake. Default: the system resolver. */
  readonly resolve?: Resolver;
  /** Pause between two requests to the same host. */
  readonly perHostDelayMs: number;
  /** From sending the request to the response headers (includes DNS and connecting). */
  readonly headersTimeoutMs: number;
  /** Longest silence while the body streams in: a stalled server. */
  readonly idleTimeoutMs: number;
  /** Whole exchange, redirects included: a server that trickles bytes forever. */
  readonly totalTimeoutMs: number;
  /** Largest body accepted, after decompression. */
  readonly maxBytes: number;
  /** Redirects followed before giving up. */
  readonly maxRedirects: number;
  /**
   * Obey the sites' robots.txt for pages (robots.ts); default true. Feeds are fetched
   * regardless, as feed readers do.
   */
  readonly obeyRobots?: boolean;
}

/**
 * Defaults for the real web. Timeouts: a news page that has not sent headers in 15 s, or
 * stalls for 15 s, is not going to arrive; 60 s bounds a trickle. 10 MB holds the largest
 * feeds we met (a 5,000-item WordPress feed with full content is ~6 MB); pages are far
 * smaller. 5 redirects is what browsers' users meet in practice (http→https→www→canonical).
 * 1 s between requests to one host is the customary crawl delay.
 */
export const DEFAULT_HTTP_OPTIONS = {
  perHostDelayMs: 1_000,
  headersTimeoutMs: 15_000,
  idleTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
} as const;

/**
 * The project's home, named in the User-Agent so a site owner can find out who we are.
 * The repository has no public address yet: replace this with it when it has one.
 */
export const PROJECT_URL = 'https://github.com/coverage-bot/coverage-bot';
export const USER_AGENT = `coverage-bot/0.1 (+${PROJECT_URL})`;
/** The product token robots.txt rules are matched against (`User-agent: coverage-bot`). */
export const ROBOTS_AGENT = 'coverage-bot';

export interface HttpRequest {
  readonly url: string;
  readonly want: WantedKind;
  /** Validators from the previous response, for a conditional request. */
  readonly etag?: string;
  readonly lastModified?: string;
}

/** A successful exchange: either the document, or "not modified since last time". */
export type HttpResponse =
  | {
      readonly notModified: false;
      /** Where the document was finally found, after redirects. */
      readonly url: string;
      readonly contentType: string;
      /** Decoded with the charset the response or the document declares. */
      readonly text: string;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly notModified: true; readonly url: string };

export interface HttpClient {
  /** Fetches one document. Throws {@link FetchError} with a one-line reason on any failure. */
  get(request: HttpRequest): Promise<HttpResponse>;
}

const ACCEPT: Record<WantedKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1',
  page: 'text/html, application/xhtml+xml;q=0.9',
  robots: 'text/plain',
};

/**
 * Media types accepted per kind. Feeds come with many labels in the wild (text/xml,
 * application/xml, even text/plain or text/html from misconfigured servers); the parser
 * decides. Pages must be HTML: a PDF or an image is not an article we can quote.
 */
const ALLOWED_TYPES: Record<WantedKind, readonly string[]> = {
  feed: [
    'application/rss+xml',
    'application/atom+xml',
    'application/rdf+xml',
    'application/xml',
    'text/xml',
    'application/feed+json',
    'application/json',
    'text/plain',
    'text/html',
  ],
  page: ['text/html', 'application/xhtml+xml'],
  // Sites serve robots.txt as plain text, as bytes, or (a catch-all page) as HTML, which
  // then holds no rules.
  robots: ['text/plain', 'application/octet-stream', 'text/html'],
};

/** Media types that only a feed is served as (`add` reads such a document as a feed). */
export const FEED_MEDIA_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Creates the client; one per run (its per-host queue is what keeps requests polite). */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const queue = new HostQueue(options.perHostDelayMs);
  const resolve: Resolver = options.resolve ?? ((host) => dnsLookup(host, { all: true }));

  const client: HttpClient = {
    async get(request) {
      const deadline = Date.now() + options.totalTimeoutMs;
      const visited = new Set<string>();
      let url = parseHttpUrl(request.url);
      for (let hop = 0; ; hop++) {
        visited.add(url.href);
        const current = url;
        let crawlDelayMs: number | undefined;
        if (request.want === 'page' && robots !== undefined) {
          const refusal = await robots.refusal(current);
          if (refusal !== undefined) {
            throw new FetchError(request.url, `not fetched: ${refusal.reason}`, refusal.transient);
          }
          crawlDelayMs = await robots.crawlDelayMs(current);
        }
        const exchange = await queue.run(
          current.hostname,
          () => requestOnce(current, request, options, resolve, deadline),
          crawlDelayMs,
        );
        if (exchange.kind === 'redirect') {
          const next = resolveRedirect(current, exchange.location, request.url);
          if (visited.has(next.href)) {
            throw new FetchError(request.url, `redirect loop (${next.href} again)`);
          }
          if (hop + 1 > options.maxRedirects) {
            throw new FetchError(request.url, `more than ${options.maxRedirects} redirects`);
          }
          url = next;
          continue;
        }
        if (exchange.kind === 'not-modified') return { notModified: true, url: current.href };
        return { notModified: false, url: current.href, ...exchange.document };
      }
    },
  };
  const robots =
    options.obeyRobots === false
      ? undefined
      : createRobotsPolicy({
          agent: ROBOTS_AGENT,
          fetchRobots: (url) => fetchRobots(client, url),
        });
  return client;
}

/** robots.txt through the client: a 4xx (or a refusal) means none, a 5xx or timeout none yet. */
async function fetchRobots(client: HttpClient, url: string): Promise<RobotsFetch> {
  try {
    const response = await client.get({ url, want: 'robots' });
    if (response.notModified) return { kind: 'missing' };
    return { kind: 'found', text: response.text, url: response.url };
  } catch (error) {
    if (error instanceof FetchError && !error.transient) return { kind: 'missing' };
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Parses a user-given URL; only http(s) is fetched. */
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new FetchError(text, 'not a URL; give a full address starting with https://');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(text, `only http and https links are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchError(text, 'links with a user name or password are not fetched');
  }
  url.hash = '';
  return url;
}

function resolveRedirect(from: URL, location: string, original: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchError(original, `redirect to an invalid address "${location.slice(0, 200)}"`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FetchError(original, `redirect to a ${next.protocol} link, which is not fetched`);
  }
  if (next.username !== '' || next.password !== '') {
    throw new FetchError(original, 'redirect to a link with a user name or password, not fetched');
  }
  next.hash = '';
  return next;
}

type Exchange =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'document';
      readonly document: {
        readonly contentType: string;
        readonly text: string;
        readonly etag?: string;
        readonly lastModified?: string;
      };
    };

/** Host names as URL gives them: IPv6 literals in brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function requestOnce(
  url: URL,
  request: HttpRequest,
  options: HttpClientOptions,
  resolve: Resolver,
  deadline: number,
): Promise<Exchange> {
  const fail = (message: string, transient = false) =>
    new FetchError(request.url, message, transient);
  const host = bareHost(url);
  const refusalFor = options.refusal ?? refusalOf;
  if (!options.allowPrivate && isIpLiteral(host)) {
    const refusal = refusalFor(host);
    if (refusal !== undefined) return Promise.reject(fail(refusedMessage(refusal)));
  }

  // Resolution happens inside the connection, so the address checked is the address used
  // (no window for a DNS answer to change between a check and the connect).
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wantFamily = lookupOptions.family === 4 || lookupOptions.family === 6;
        const usable = addresses.filter(
          (entry) => !wantFamily || entry.family === lookupOptions.family,
        );
        if (usable.length === 0) {
          callback(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            '',
            4,
          );
          return;
        }
        if (!options.allowPrivate) {
          for (const entry of usable) {
            const refusal = refusalFor(entry.address);
            if (refusal !== undefined) {
              callback(
                Object.assign(new Error(refusedMessage(`${hostname} resolves to ${refusal}`)), {
                  code: 'EREFUSEDPRIVATE',
                }),
                '',
                4,
              );
              return;
            }
          }
        }
        if (lookupOptions.all === true) {
          (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };

  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT[request.want],
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag !== undefined) headers['if-none-match'] = request.etag;
  if (request.lastModified !== undefined) headers['if-modified-since'] = request.lastModified;

  return new Promise<Exchange>((resolvePromise, rejectPromise) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (error: Error | undefined, value?: Exchange) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      if (error !== undefined) {
        req.destroy();
        rejectPromise(error);
      } else resolvePromise(value!);
    };
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      rejectPromise(fail(`took longer than ${seconds(options.totalTimeoutMs)} in all`, true));
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, { method: 'GET', headers, lookup, agent: false });
    timers.push(
      setTimeout(
        () => settle(fail(`took longer than ${seconds(options.totalTimeoutMs)} in all`, true)),
        remaining,
      ),
      setTimeout(
        () =>
          settle(
            fail(
              `no response within ${seconds(options.headersTimeoutMs)}; the site may be down`,
              true,
            ),
          ),
        Math.min(options.headersTimeoutMs, remaining),
      ),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EREFUSEDPRIVATE') settle(fail(error.message));
      else settle(fail(networkMessage(url, error), true));
    });
    req.on('response', (response) => {
      clearTimeout(timers.pop());
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        const location = response.headers.location;
        if (location === undefined) {
          settle(fail(`HTTP ${status} redirect without a Location header`));
        } else settle(undefined, { kind: 'redirect', location });
        return;
      }
      if (status === 304) {
        response.resume();
        settle(undefined, { kind: 'not-modified' });
        return;
      }
      if (status < 200 || status > 299) {
        response.resume();
        settle(
          fail(
            `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`,
            status === 429 || status >= 500,
          ),
        );
        return;
      }
      const contentType = (response.headers['content-type'] ?? '').toLowerCase();
      const mediaType = contentType.split(';')[0]!.trim();
      if (mediaType !== '' && !ALLOWED_TYPES[request.want].includes(mediaType)) {
        response.resume();
        settle(
          new FetchError(
            request.url,
            request.want === 'page'
              ? `not a web page (${mediaType}); only HTML articles can be added`
              : `not a feed (${mediaType}); give the address of an RSS, Atom or JSON feed`,
            false,
            mediaType,
          ),
        );
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.resume();
        settle(fail(tooLargeMessage(options.maxBytes)));
        return;
      }
      readBody(response, options, (message) => settle(fail(message))).then(
        (bytes) => {
          if (bytes === undefined) return;
          const etag = headerValue(response, 'etag');
          const lastModified = headerValue(response, 'last-modified');
          settle(undefined, {
            kind: 'document',
            document: {
              contentType: mediaType,
              text: decodeBody(bytes, contentType),
              ...(etag === undefined ? {} : { etag }),
              ...(lastModified === undefined ? {} : { lastModified }),
            },
          });
        },
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    });
    req.setTimeout(options.idleTimeoutMs, () =>
      settle(fail(`the server stopped sending for ${seconds(options.idleTimeoutMs)}`, true)),
    );
    req.end();
  });
}

/** Reads the body, decompressing, within the size limit; undefined once `fail` was called. */
function readBody(
  response: IncomingMessage,
  options: HttpClientOptions,
  fail: (message: string) => void,
): Promise<Buffer | undefined> {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(zlib.createInflate());
  else if (encoding === 'br') stream = response.pipe(zlib.createBrotliDecompress());
  else if (encoding !== '' && encoding !== 'identity') {
    response.resume();
    fail(`unsupported content encoding "${encoding}"`);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const stop = (message: string) => {
      if (done) return;
      done = true;
      response.destroy();
      fail(message);
      resolve(undefined);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Counted after decompression: a small gzip bomb must not fill memory.
      if (size > options.maxBytes) stop(tooLargeMessage(options.maxBytes));
      else chunks.push(chunk);
    });
    stream.on('error', (error) => stop(`the response could not be read (${error.message})`));
    response.on('aborted', () => stop('the server closed the connection mid-response'));
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
  });
}

function headerValue(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** Labels the WHATWG Encoding standard decodes as Windows-1252 (browsers do the same). */
const WINDOWS_1252_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
]);

/**
 * Decodes a body with the charset the Content-Type header declares, else the one the document
 * declares near its start (`<meta charset>`, `<?xml encoding>`), else UTF-8. UTF-8 that does
 * not decode falls back to Windows-1252, as ingest does for files.
 */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const label = (
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8'
  ).toLowerCase();
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  if (label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: read it as UTF-8 (or Windows-1252) like an undeclared one.
    }
  }
  return decodeText(bytes).text;
}

function refusedMessage(refusal: string): string {
  return (
    `refused: ${refusal}; coverage-bot does not fetch from private networks ` +
    `(set ALLOW_PRIVATE_URLS=true to allow it, e.g. for a feed on your own network)`
  );
}

function networkMessage(url: URL, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${url.hostname} was not found (DNS); check the address`;
    case 'ECONNREFUSED':
      return `${url.host} refused the connection`;
    case 'ECONNRESET':
      return `${url.host} closed the connection`;
    default:
      if (error.code?.startsWith('ERR_TLS') || error.code?.includes('CERT')) {
        return `TLS error with ${url.host} (${error.code})`;
      }
      return `network error with ${url.host} (${error.code ?? error.message})`;
  }
}

function tooLargeMessage(maxBytes: number): string {
  return `larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most accepted; not an article page or feed we can use`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

import robotsParserModule from 'robots-parser';

/** What we use of a parsed robots.txt. */
interface ParsedRobots {
  isDisallowed(url: string, agent?: string): boolean | undefined;
  getCrawlDelay(agent?: string): number | undefined;
  getSitemaps(): string[];
}

// The package is CommonJS and its module.exports is the parser itself; its typings describe a
// default export, which TypeScript's Node16 resolution reads as the module object.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ParsedRobots;

/**
 * robots.txt (RFC 9309) for the pages we fetch: a site may ask crawlers to keep out of some
 * paths, and a bot that reads its pages automatically is a crawler. Feeds are exempt, as in
 * feed readers: a feed is published to be fetched, and the user asked for it by name.
 *
 * One robots.txt per origin (scheme, host and port), kept for a day (the RFC's limit) in a
 * bounded cache, fetched through the same polite client as everything else. What the rules
 * are when robots.txt cannot be had follows the RFC: a missing file (any 4xx) allows
 * everything; an unreachable one (5xx, timeout, network error) allows nothing, and is asked
 * for again after ten minutes. A `Crawl-delay` (not in the RFC, but widely written) lengthens
 * the pause between our page requests to that host.
 */

/**
 * The sitemaps a robots.txt lists (`Sitemap:` lines), news sitemaps first: where a site with
 * no linked feed says its articles are.
 */
export function sitemapsIn(text: string, robotsUrl: string): string[] {
  const listed = robotsParser(robotsUrl, text)
    .getSitemaps()
    .filter((url) => /^https?:\/\//i.test(url));
  const news = listed.filter((url) => /news/i.test(url));
  return [...news, ...listed.filter((url) => !news.includes(url))];
}

/** How a robots.txt fetch ended: its text, missing (4xx), or unreachable (5xx, network). */
export type RobotsFetch =
  | { readonly kind: 'found'; readonly text: string; readonly url: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreachable'; readonly reason: string };

/** Why a page is not fetched; `transient` when asking again later may succeed. */
export interface RobotsRefusal {
  readonly reason: string;
  readonly transient: boolean;
}

export interface RobotsPolicy {
  /** Undefined when `url` may be fetched; otherwise why not. */
  refusal(url: URL): Promise<RobotsRefusal | undefined>;
  /**
   * The pause the site's robots.txt asks for between two requests (`Crawl-delay`, for our
   * group), in ms and at most MAX_CRAWL_DELAY_MS; undefined when it asks for none.
   */
  crawlDelayMs(url: URL): Promise<number | undefined>;
}

/**
 * The longest `Crawl-delay` obeyed: 30 s. A site asking for more still gets one request per
 * 30 s from us, and a run of 50 new items stays under half an hour.
 */
export const MAX_CRAWL_DELAY_MS = 30_000;

export interface RobotsOptions {
  /** The product token matched against `User-agent:` lines ("coverage-bot"). */
  readonly agent: string;
  /** Fetches `<origin>/robots.txt`. */
  readonly fetchRobots: (url: string) => Promise<RobotsFetch>;
  /** How long one origin's rules are kept. Default a day. */
  readonly maxAgeMs?: number;
  /** How soon an unreachable robots.txt is asked for again. Default 10 minutes. */
  readonly retryUnreachableMs?: number;
  /** Origins remembered at most (the oldest are dropped). Default 1,000. */
  readonly maxOrigins?: number;
  readonly now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Rules {
  /** When these rules are to be fetched again. */
  readonly expiresAt: number;
  readonly check: (url: string) => RobotsRefusal | undefined;
  readonly crawlDelayMs?: number;
}

/** The robots.txt policy of one run or one running bot. */
export function createRobotsPolicy(options: RobotsOptions): RobotsPolicy {
  const maxAge = options.maxAgeMs ?? DAY_MS;
  const retryUnreachable = Math.min(maxAge, options.retryUnreachableMs ?? 10 * 60 * 1000);
  const maxOrigins = options.maxOrigins ?? 1_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Promise<Rules>>();

  const load = async (origin: string): Promise<Rules> => {
    const robotsUrl = `${origin}/robots.txt`;
    const fetched = await options
      .fetchRobots(robotsUrl)
      .catch((error: unknown): RobotsFetch => ({ kind: 'unreachable', reason: String(error) }));
    const fetchedAt = now();
    const expiresAt = fetchedAt + maxAge;
    if (fetched.kind === 'missing') return { expiresAt, check: () => undefined };
    if (fetched.kind === 'unreachable') {
      const refusal = {
        reason: `its robots.txt could not be read (${fetched.reason}); until it can, the site counts as closed to crawlers`,
        transient: true,
      };
      return { expiresAt: fetchedAt + retryUnreachable, check: () => refusal };
    }
    // Rules apply to the origin they were asked for, even when robots.txt was redirected.
    const robots = robotsParser(robotsUrl, fetched.text);
    const seconds = robots.getCrawlDelay(options.agent);
    const crawlDelayMs =
      seconds !== undefined && Number.isFinite(seconds) && seconds > 0
        ? Math.min(MAX_CRAWL_DELAY_MS, seconds * 1000)
        : undefined;
    return {
      expiresAt,
      ...(crawlDelayMs === undefined ? {} : { crawlDelayMs }),
      check: (url) =>
        robots.isDisallowed(url, options.agent) === true
          ? {
              reason: `the site's robots.txt asks crawlers to keep out of ${new URL(url).pathname}`,
              transient: false,
            }
          : undefined,
    };
  };

  const rulesFor = async (url: URL): Promise<Rules> => {
    const origin = url.origin;
    let rules = cache.get(origin);
    if (rules === undefined || now() > (await rules).expiresAt) {
      rules = load(origin);
      cache.delete(origin);
      cache.set(origin, rules);
      while (cache.size > maxOrigins) cache.delete(cache.keys().next().value!);
    }
    return rules;
  };
  return {
    async refusal(url) {
      return (await rulesFor(url)).check(url.href);
    },
    async crawlDelayMs(url) {
      return (await rulesFor(url)).crawlDelayMs;
    },
  };
}

/**
 * Fetch benchmark (issue #9), against the fixture web server of the tests
 * (`test/fixtures/web/server.mjs`, a child process on loopback):
 *   - fetch + extract + write of 500 generated article pages, then their ingest (pages/s);
 *   - a poll of 20 feeds on 20 hosts (127.0.0.1–127.0.0.20) with nothing new: each costs one
 *     conditional request answered 304 (target ≤ 1 s for 20 feeds); and the same poll
 *     against servers that ignore validators (every feed re-read and parsed, items known);
 *   - parsing a 5,000-item RSS feed.
 * Pages are fetched with no pause between requests (the polite default is 1 s per host, which
 * would measure the pause): the figure is our own throughput. Medians of repeated runs.
 *
 * Run alone with `npx tsx scripts/bench/fetch.ts`, or as part of `npm run bench`.
 */
import { loadBundledModel } from './bundled-model.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { addPagesToArchive, fetchFeedsIntoArchive } from '../../src/app/fetch-articles.js';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { parseFeed } from '../../src/fetch/parse-feed.js';
import { memoryLogger } from '../../src/log.js';
import { startFixtureServer } from '../../test/fetch/fixture-server.js';
import { median, peakRssMiB, timeMs } from './stats.js';

const PAGES = 500;
const FEEDS = 20;
const PAGE_RUNS = 3;
const POLL_RUNS = 7;

/** Runs the fetch benchmark and prints its figures as a Markdown table. */
export async function benchFetch(): Promise<void> {
  const hosts = Array.from({ length: FEEDS }, (_, i) => `127.0.0.${i + 1}`);
  const server = await startFixtureServer(hosts.join(','));
  const port = new URL(server.base).port;
  const scratch = await mkdtemp(path.join(tmpdir(), 'coverage-bench-fetch-'));
  const log = memoryLogger();
  const embedder = await loadBundledModel(log);
  try {
    const fetchRates: number[] = [];
    const ingestRates: number[] = [];
    const totalRates: number[] = [];
    for (let run = 0; run < PAGE_RUNS; run++) {
      const articlesDir = path.join(scratch, `pages-${run}`);
      const urls = Array.from({ length: PAGES }, (_, n) => `${server.base}/gen/${n}`);
      const [report, fetchMs] = await timeMs(() =>
        addPagesToArchive(urls, { articlesDir, allowPrivate: true, http: { perHostDelayMs: 0 } }),
      );
      if (report.added.length !== PAGES) {
        throw new Error(`expected ${PAGES} pages added, got ${report.added.length}`);
      }
      const [, ingestMs] = await timeMs(() =>
        ingestCorpus({ articlesDir, indexDir: path.join(scratch, `index-${run}`), embedder, log }),
      );
      fetchRates.push(PAGES / (fetchMs / 1000));
      ingestRates.push(PAGES / (ingestMs / 1000));
      totalRates.push(PAGES / ((fetchMs + ingestMs) / 1000));
    }

    const poll = async (route: string) => {
      const articlesDir = path.join(scratch, `poll-${route}`);
      const feeds = hosts.map((host, i) => ({ url: `http://${host}:${port}/${route}/${i}` }));
      const options = { articlesDir, allowPrivate: true };
      await fetchFeedsIntoArchive(feeds, options); // first read: the one new item
      const times: number[] = [];
      for (let i = 0; i < POLL_RUNS; i++) {
        const [report, ms] = await timeMs(() => fetchFeedsIntoArchive(feeds, options));
        if (report.added.length !== 0 || report.failed !== 0) {
          throw new Error(`a poll with nothing new added or failed: ${JSON.stringify(report)}`);
        }
        times.push(ms);
      }
      return median(times);
    };
    const pollConditional = await poll('poll');
    const pollUnconditional = await poll('poll-always');

    const bigFeed = await (await fetch(`${server.base}/feeds/big.xml`)).text();
    const parses: number[] = [];
    for (let i = 0; i < 5; i++) parses.push((await timeMs(() => parseFeed(bigFeed)))[1]);

    const rows: [string, string][] = [
      [
        `fetch + extract + write, ${PAGES} local pages (median of ${PAGE_RUNS})`,
        `${median(fetchRates).toFixed(0)} pages/s`,
      ],
      [
        `ingest of those ${PAGES} articles, bundled model`,
        `${median(ingestRates).toFixed(0)} pages/s`,
      ],
      ['fetch + extract + ingest, end to end', `${median(totalRates).toFixed(0)} pages/s`],
      [
        `poll, ${FEEDS} feeds on ${FEEDS} hosts, nothing new, 304 (median of ${POLL_RUNS})`,
        `${(pollConditional / 1000).toFixed(3)} s (target ≤ 1 s)`,
      ],
      [
        `same, servers ignoring validators (feeds re-read, items known)`,
        `${(pollUnconditional / 1000).toFixed(3)} s`,
      ],
      [
        `parse a 5,000-item RSS feed (${(bigFeed.length / 1024 / 1024).toFixed(1)} MiB, median of 5)`,
        `${(median(parses) / 1000).toFixed(3)} s`,
      ],
      ['peak RSS (whole run: model, 3×500 pages, ingests)', `${peakRssMiB().toFixed(0)} MiB`],
    ];
    console.log('| measure | value |\n| --- | --- |');
    for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`);
  } finally {
    await embedder.dispose();
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchFetch();
}

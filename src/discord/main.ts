/**
 * `npm start`: loads the configuration, the model and the index, then connects to Discord.
 * The bot only reports ready once it can answer at once; from then on it keeps its coverage
 * current (feeds polled, data folder watched, new index swapped in without a restart).
 * SIGINT/SIGTERM disconnect cleanly.
 */
import { readFile } from 'node:fs/promises';
import dotenv from 'dotenv';
import { openLiveCoverage } from '../app/live-coverage.js';
import type { LiveCoverage } from '../app/live-coverage.js';
import { ingestInChildProcess } from '../app/ingest-process.js';
import { startLiveUpdates } from '../app/live-updates.js';
import type { LiveUpdates } from '../app/live-updates.js';
import { addPageAndRefresh } from '../app/add-page.js';
import {
  addInChildProcess,
  addPageFromWeb,
  fetchConfiguredFeeds,
  fetchInChildProcess,
} from '../app/web-updates.js';
import { loadDiscordConfig, loadFetchConfig } from '../config.js';
import { isUserError } from '../errors.js';
import { stderrLogger as log } from '../log.js';
import { startBot } from './bot.js';
import { describeConnectionFailure } from './failures.js';
import type { RunningBot } from './bot.js';

async function packageVersion(): Promise<string> {
  // Two levels up from src/discord (tsx) and three from dist/src/discord (node): try both.
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const json = JSON.parse(await readFile(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === 'coverage-bot' && json.version !== undefined) return json.version;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return 'unknown';
}

/** For the start-up failure message; set once the configuration is read. */
let configuredApiUrl: string | undefined;

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadDiscordConfig();
  configuredApiUrl = config.apiUrl;
  const version = await packageVersion();
  log.info(`coverage-bot ${version}: loading the model and the index…`);
  // The refreshes' ingest runs in a child process, so answering never stalls behind it.
  const web = {
    feedsFile: config.feedsFile,
    dataDir: config.dataDir,
    allowPrivateUrls: loadFetchConfig().allowPrivateUrls,
  };
  const coverage: LiveCoverage = await openLiveCoverage(config, log, {
    ingest: ingestInChildProcess(config),
    // Feeds are polled only when automatic updates are on (FEED_POLL_MINUTES > 0).
    // Feed polls read pages in a child process too: extracting them holds an event loop.
    ...(config.feedPollMinutes > 0
      ? { fetchArticles: fetchConfiguredFeeds(web, log, fetchInChildProcess(web)) }
      : {}),
  });
  let bot: RunningBot | undefined;
  /** Set once the bot is ready (assigned after `shutdown` is defined, hence a holder). */
  const live: { updates?: LiveUpdates } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down…`);
    try {
      live.updates?.stop();
      await bot?.stop();
      await coverage.close();
    } catch (error) {
      log.error('shutdown did not finish cleanly', error);
      process.exitCode = 1;
    }
    // Everything we opened is closed, so the process should end by itself; should a
    // library keep a handle open, do not hang a service manager's stop: exit anyway soon.
    setTimeout(() => process.exit(), 3_000).unref();
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));
  try {
    bot = await startBot({
      config,
      coverage,
      log,
      version,
      addPage: addPageAndRefresh(addPageFromWeb(web, log, addInChildProcess(web)), coverage),
    });
  } catch (error) {
    await coverage.close();
    throw error;
  }
  if (stopping) {
    await bot.stop();
    return;
  }
  live.updates = startLiveUpdates({
    coverage,
    dataDir: config.dataDir,
    indexDir: config.indexDir,
    pollMinutes: config.feedPollMinutes,
    log,
  });
}

main().catch((error: unknown) => {
  const unreachable = describeConnectionFailure(error, configuredApiUrl);
  if (isUserError(error)) log.error(error.message);
  else if (unreachable !== undefined) log.error(unreachable);
  else log.error('coverage-bot stopped', error);
  process.exitCode = 1;
});

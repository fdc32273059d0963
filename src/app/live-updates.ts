import type { Logger } from '../log.js';
import type { LiveCoverage } from './live-coverage.js';
import { startRefreshSchedule } from './refresh-schedule.js';
import { watchArticles } from './watch-articles.js';

export interface LiveUpdatesOptions {
  readonly coverage: Pick<LiveCoverage, 'refresh'>;
  readonly dataDir: string;
  readonly indexDir: string;
  /** Minutes between polls (fractions allowed); 0 turns automatic updates off. */
  readonly pollMinutes: number;
  readonly log: Logger;
  /** Also watch the data folder between polls (default true). */
  readonly watch?: boolean;
  readonly debounceMs?: number;
}

export interface LiveUpdates {
  stop(): void;
}

/**
 * Keeps a running service current: a refresh at once (articles added while it was down, feeds
 * due), then one every `pollMinutes`, plus one shortly after any change in the data folder.
 * The refreshes themselves never overlap (LiveCoverage coalesces them).
 */
export function startLiveUpdates(options: LiveUpdatesOptions): LiveUpdates {
  const { coverage, log, pollMinutes } = options;
  if (pollMinutes <= 0) {
    log.info('Automatic updates are off (FEED_POLL_MINUTES=0): restart to see new articles.');
    return { stop() {} };
  }
  const schedule = startRefreshSchedule({
    intervalMs: pollMinutes * 60_000,
    refresh: () => coverage.refresh(),
    runNow: true,
  });
  const watcher =
    options.watch === false
      ? undefined
      : watchArticles({
          dataDir: options.dataDir,
          ignoreDir: options.indexDir,
          onChange: () => void coverage.refresh({ fetch: false }),
          log,
          ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
        });
  log.info(
    `Checking for new articles every ${pollMinutes} min` +
      (watcher?.watching === true ? ` and on changes in ${options.dataDir}.` : '.'),
  );
  return {
    stop() {
      schedule.stop();
      watcher?.stop();
    },
  };
}

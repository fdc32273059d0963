/** Runs the refresh every `intervalMs`, one run at a time, without keeping the process alive. */
export interface RefreshSchedule {
  /** No further run starts; a run in progress is left to finish (the coverage's close awaits it). */
  stop(): void;
}

export interface RefreshScheduleOptions {
  readonly intervalMs: number;
  /** Never rejects (LiveCoverage.refresh logs its own failures). */
  readonly refresh: () => Promise<unknown>;
  /** Run once at once, then every interval (default false: first run after one interval). */
  readonly runNow?: boolean;
}

/**
 * The next run is timed from the end of the previous one, so a slow refresh (a large ingest)
 * never queues up runs behind it. The timer is unref'd: a pending poll never delays shutdown.
 */
export function startRefreshSchedule(options: RefreshScheduleOptions): RefreshSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    timer = undefined;
    try {
      await options.refresh();
    } finally {
      if (!stopped) schedule(options.intervalMs);
    }
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => void run(), delay);
    timer.unref();
  };
  schedule(options.runNow === true ? 0 : options.intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

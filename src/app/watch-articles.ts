import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';

/**
 * Quiet time after the last change before `onChange` runs: an editor's save or a fetch writes
 * several files (and temp files) in a burst, which should cost one ingest, not one per file.
 */
export const WATCH_DEBOUNCE_MS = 2_000;

export interface ArticleWatcher {
  /** True when changes are seen as they happen; false when only the polls will see them. */
  readonly watching: boolean;
  stop(): void;
}

export interface WatchArticlesOptions {
  readonly dataDir: string;
  /** Changes under this folder (the index, when it lies inside the data folder) are ignored. */
  readonly ignoreDir?: string;
  readonly onChange: () => void;
  readonly log: Logger;
  readonly debounceMs?: number;
}

/**
 * Whether a change to `file` (as `fs.watch` names it: relative to `dataDir`) lies in
 * `ignoreDir`, the index folder when it was put inside the data folder.
 */
export function isIgnoredChange(
  dataDir: string,
  ignoreDir: string | undefined,
  file: string | null,
): boolean {
  if (ignoreDir === undefined || file === null) return false;
  const ignored = path.relative(dataDir, ignoreDir);
  if (ignored === '' || ignored.startsWith('..') || path.isAbsolute(ignored)) return false;
  return file === ignored || file.startsWith(ignored + path.sep);
}

/**
 * Watches the data folder and its sub-folders (recursive `fs.watch`: inotify on Linux since
 * Node 20, FSEvents on macOS, native on Windows) and calls `onChange` once a burst of changes
 * has settled. Watching is a convenience on top of the polls: when the platform cannot watch
 * recursively, or the watcher fails later (inotify limit, folder removed), it says so once and
 * the polls keep picking changes up. Neither the watcher nor its timer keeps the process alive.
 */
export function watchArticles(options: WatchArticlesOptions): ArticleWatcher {
  const { dataDir, log } = options;
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const changed = (_event: string, file: string | Buffer | null) => {
    const name = typeof file === 'string' ? file : (file?.toString('utf8') ?? null);
    if (isIgnoredChange(dataDir, options.ignoreDir, name)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      options.onChange();
    }, debounceMs);
    timer.unref();
  };
  const giveUp = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(
      `Cannot watch ${dataDir} for changes (${reason}); edits there are picked up at the next poll.`,
    );
  };
  try {
    watcher = watch(dataDir, { recursive: true, persistent: false }, changed);
    watcher.on('error', (error) => {
      giveUp(error);
      watcher?.close();
      watcher = undefined;
    });
  } catch (error) {
    giveUp(error);
  }
  return {
    watching: watcher !== undefined,
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      watcher?.close();
      watcher = undefined;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isMissingFile } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * What the fetcher remembers between runs (and restarts): each feed's validators for
 * conditional requests, the feed items already handled, and how often an item failed. It
 * lives beside the articles as a hidden JSON file, which ingest never reads as an article,
 * and which shares the archive's fate (delete the archive, and the memory goes with it).
 */

export const STATE_FILE_NAME = '.fetch-state.json';
const STATE_VERSION = 1;

export interface FeedValidators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface FetchStateData {
  readonly version: number;
  /**
   * Per feed URL: the validators of its last complete read; `feed` when the URL is a web page
   * whose linked feed is read instead (found by autodiscovery, asked for directly next time).
   */
  feeds: Record<string, FeedValidators & { checkedAt: string; feed?: string }>;
  /** Canonical keys of feed items already handled → the article file (or "" if none). */
  seen: Record<string, string>;
  /** Canonical keys of feed items that failed → number of failed attempts. */
  failures: Record<string, number>;
}

/** The default place of the state file for an articles folder. */
export function defaultStatePath(articlesDir: string): string {
  return path.join(articlesDir, STATE_FILE_NAME);
}

/** Reads the state; a missing or unreadable file is a fresh start (logged when unreadable). */
export async function readFetchState(file: string, log?: Logger): Promise<FetchStateData> {
  const fresh = (): FetchStateData => ({
    version: STATE_VERSION,
    feeds: {},
    seen: {},
    failures: {},
  });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return fresh();
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<FetchStateData>;
    if (parsed.version !== STATE_VERSION) throw new Error(`version ${String(parsed.version)}`);
    return {
      version: STATE_VERSION,
      feeds: parsed.feeds ?? {},
      seen: parsed.seen ?? {},
      failures: parsed.failures ?? {},
    };
  } catch (error) {
    log?.warn(
      `${file} could not be read (${(error as Error).message}); starting afresh: every feed is read in full once, already archived articles are still recognised.`,
    );
    return fresh();
  }
}

/** Writes the state atomically (temporary file, then rename), so a crash leaves the old one. */
export async function writeFetchState(file: string, state: FetchStateData): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

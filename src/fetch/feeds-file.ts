import { readFile } from 'node:fs/promises';
import { isMissingFile, UserError } from '../errors.js';

/** One line of the feeds file: a feed address and, optionally, the outlet name to use. */
export interface FeedSource {
  readonly url: string;
  /** Outlet name given after the URL; wins over what the feed and pages state. */
  readonly outlet?: string;
}

export interface FeedsFile {
  readonly sources: readonly FeedSource[];
  /** Lines that could not be used, with the reason ("line 4: …"). */
  readonly problems: readonly string[];
}

/**
 * Parses the feeds file: one feed URL per line, optionally followed by white space and an
 * outlet name; blank lines and `#` comments (whole-line or after the URL) are ignored. A bad
 * line is reported, never fatal; a URL listed twice is read once.
 */
export function parseFeedsFile(source: string): FeedsFile {
  const sources: FeedSource[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  source.split(/\r\n?|\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const [url = '', ...rest] = line.split(/\s+/);
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      problems.push(
        `line ${index + 1}: "${url.slice(0, 100)}" is not an http(s) URL; write one feed URL per line, optionally followed by an outlet name`,
      );
      return;
    }
    if (seen.has(url)) return;
    seen.add(url);
    const outlet = rest.join(' ').trim();
    sources.push(outlet === '' ? { url } : { url, outlet });
  });
  return { sources, problems };
}

/** Reads and parses the feeds file; a missing file is a UserError that says how to make one. */
export async function readFeedsFile(file: string): Promise<FeedsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) {
      throw new UserError(
        `Feeds file ${file} does not exist. Create it with one feed URL per line (see data/feeds.txt in the repository), or point to another with --feeds FILE (or FEEDS_FILE in .env).`,
      );
    }
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new UserError(
        `${file} is a folder; the feeds file is a text file with one feed URL per line (--feeds FILE).`,
      );
    }
    throw error;
  }
  return parseFeedsFile(text);
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { stderrLogger } from '../src/log.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What `run` writes to stderr. */
function stderrOf(run: () => void): string {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  run();
  vi.restoreAllMocks();
  return written.join('');
}

describe('stderrLogger', () => {
  it('GIVEN a file name and a front matter value holding escape sequences THEN the terminal gets only their text', () => {
    // What ingest reported for a file "name\x1b[41mred.md" with a key that retitles the window
    // and clears the screen, and a date that is an OSC 8 link to another site.
    const out = stderrOf(() => {
      stderrLogger.info('  /data/name\x1b[41mred.md: the article has no body text');
      stderrLogger.warn('front matter field "\x1b]0;pwned\x07\x1b[2J" is not used');
      stderrLogger.error('published: \x1b]8;;https://evil.example\x1b\\2025\x1b]8;;\x1b\\ dropped');
    });
    expect(out).toBe(
      '  /data/namered.md: the article has no body text\n' +
        'warning: front matter field "" is not used\n' +
        'error: published: 2025 dropped\n',
    );
  });

  it('GIVEN "%o" in a message THEN it is not read as a format', () => {
    const out = stderrOf(() => stderrLogger.error('cannot read a%o%s.txt', new Error('gone')));
    expect(out).toMatch(/^error: cannot read a%o%s\.txt Error: gone\n {4}at /u);
  });
});

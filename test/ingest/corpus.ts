import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../../src/ingest/decode.js';

/** Real texts for tests: the seed articles in the repo and a sample of the BBC corpus. */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Folder of the seed articles (Markdown with front matter, boilerplate kept). */
export const seedDir = `${repoRoot}data/articles`;

/** The ids of the five seed articles. */
export const seedIds = [
  '000_938999e51d1b5c4a',
  '001_959470f9ed73d3c9',
  '002_b45d3f6e0e8fc8f3',
  '003_efa5e7b2b96a8913',
  '004_a514caadb58b602a',
] as const;

/** Body of a seed article as scraped: the Markdown file after its front matter. */
export function seedText(id: string): string {
  const file = readFileSync(`${seedDir}/${id}.md`, 'utf8');
  const close = file.indexOf('\n---\n');
  return file.slice(close + '\n---\n'.length);
}

/**
 * The BBC corpus lives next to the repo (`../shared/corpora/bbc`, read-only, never copied in).
 * Where it is missing the tests that use it are skipped.
 */
export const bbcDir = `${repoRoot}../shared/corpora/bbc`;

/** Whether the BBC corpus is beside the repository; its tests skip (and say so) when not. */
export const bbcPresent = existsSync(bbcDir);

/** Every 25th BBC article (89 files across all topics), plus the one that is not UTF-8. */
export const bbcSample: readonly string[] = bbcPresent
  ? readdirSync(bbcDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        readdirSync(`${bbcDir}/${entry.name}`)
          .filter((name) => name.endsWith('.txt'))
          .sort()
          .map((name) => `${bbcDir}/${entry.name}/${name}`),
      )
      .filter((file, index) => index % 25 === 0 || file.endsWith('sport/199.txt'))
  : [];

if (bbcSample.length === 0) {
  // Said once per test file that uses it, so a skipped test is never a silent pass.
  console.warn(
    `BBC corpus not found at ${bbcDir} (a fresh clone has no ../shared): its tests are skipped.`,
  );
}

/** Body of a BBC article (its first line is the title). */
export function bbcBody(file: string): string {
  return decodeText(readFileSync(file)).text.split('\n').slice(1).join('\n');
}

import { readFile, stat } from 'node:fs/promises';
import { notTextReason } from '../ingest/decode.js';
import { contentHash } from '../ingest/parse-article.js';
import { findArticleFiles } from '../ingest/read-articles.js';
import type { Manifest } from '../store/corpus-index.js';

/** Article files that differ from what an index was built from. */
export interface ArticleChanges {
  /** Ids of files written after the index was built (new or edited). */
  readonly changed: readonly string[];
  /** Ids in the index whose file is gone. */
  readonly removed: readonly string[];
}

/**
 * Compares the article folder with an index's manifest, so that answering can say "the index
 * is out of date" at the cost of a directory walk: only files written after the build are read
 * and hashed (a checkout or copy touches files without changing them, and the manifest keeps
 * each article's content hash).
 */
export async function findArticleChanges(
  articlesDir: string,
  manifest: Manifest,
): Promise<ArticleChanges> {
  const builtAt = Date.parse(manifest.builtAt);
  const files = await findArticleFiles(articlesDir);
  const present = new Set(files.map((file) => file.id));
  const changed: string[] = [];
  for (const file of files) {
    if ((await stat(file.path)).mtimeMs <= builtAt) continue;
    const bytes = await readFile(file.path);
    // Ingest skips binary files; they would otherwise look "new" on every start.
    if (notTextReason(bytes) !== undefined) continue;
    const hash = contentHash(bytes);
    if (manifest.articles[file.id]?.hash !== hash) changed.push(file.id);
  }
  const removed = Object.keys(manifest.articles).filter((id) => !present.has(id));
  return { changed, removed };
}

/**
 * A one-line warning for `changes`, or undefined when there are none. `command` is the ingest
 * command that updates this index (it repeats the user's `--index`/`--data`).
 */
export function describeArticleChanges(
  changes: ArticleChanges,
  command = 'npm run ingest',
): string | undefined {
  const parts: string[] = [];
  const list = (ids: readonly string[]) =>
    ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
  if (changes.changed.length > 0) {
    parts.push(`${changes.changed.length} new or edited (${list(changes.changed)})`);
  }
  if (changes.removed.length > 0) {
    parts.push(`${changes.removed.length} removed (${list(changes.removed)})`);
  }
  if (parts.length === 0) return undefined;
  return (
    `The index is older than the articles: ${parts.join(', ')}. ` +
    `Answers come from the index as it is; run \`${command}\` to update it.`
  );
}

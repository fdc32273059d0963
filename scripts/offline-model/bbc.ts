import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One BBC article: first line is the title, the rest (after a blank line) the body. */
export interface BbcArticle {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** `/work/shared/corpora/bbc`, i.e. `../shared/corpora/bbc` next to the repository. */
export const BBC_CORPUS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpora/bbc',
);

/**
 * Reads the BBC corpus (2,225 articles in topic folders) for measurements only — it is never
 * copied into the repository. Returns [] when the folder is absent. One file is not valid
 * UTF-8; decoding replaces its bad bytes, which is harmless for measuring.
 */
export function readBbcArticles(root = BBC_CORPUS_DIR): BbcArticle[] {
  if (!existsSync(root)) return [];
  const articles: BbcArticle[] = [];
  for (const topic of readdirSync(root, { withFileTypes: true })) {
    if (!topic.isDirectory()) continue;
    for (const file of readdirSync(path.join(root, topic.name)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const text = readFileSync(path.join(root, topic.name, file), 'utf8');
      const [title = '', ...rest] = text.split('\n');
      const paragraphs = rest
        .join('\n')
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== '');
      articles.push({ id: `${topic.name}/${file}`, title: title.trim(), paragraphs });
    }
  }
  return articles;
}

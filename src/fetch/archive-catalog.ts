import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../errors.js';
import { readArticles } from '../ingest/read-articles.js';
import { canonicalKey } from './canonical-url.js';

/**
 * What the archive already holds, for de-duplication: the canonical key of every article's
 * `url` and a hash of every article's cleaned text. Two fetches of one story — by feed and
 * by page, with tracking parameters, over http and https, as AMP — meet on the URL key;
 * the same text under unrelated URLs (syndication, a moved story) meets on the text hash.
 */
export class ArchiveCatalog {
  readonly #byUrl = new Map<string, string>();
  readonly #byText = new Map<string, string>();

  /** Reads the articles under `articlesDir` (none when the folder does not exist yet). */
  static async load(articlesDir: string): Promise<ArchiveCatalog> {
    const catalog = new ArchiveCatalog();
    try {
      const { articles } = await readArticles(articlesDir);
      for (const article of articles) {
        // Relative to the articles folder, with its extension, as the writer reports files.
        const file = path
          .relative(path.resolve(articlesDir), article.path)
          .split(path.sep)
          .join('/');
        if (article.url !== undefined) catalog.addUrl(article.url, file);
        catalog.addText(article.text, file);
      }
    } catch (error) {
      // A missing folder is an empty archive: the first fetch creates it.
      if (!(error instanceof UserError)) throw error;
    }
    return catalog;
  }

  /** The article already stored under one of `urls`, if any. */
  findUrl(urls: readonly (string | undefined)[]): string | undefined {
    for (const url of urls) {
      const key = url === undefined ? undefined : canonicalKey(url);
      const found = key === undefined ? undefined : this.#byUrl.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The article already stored with this text, if any. */
  findText(text: string): string | undefined {
    return this.#byText.get(textHash(text));
  }

  /** Records (or re-records) an article under its addresses and text. */
  record(urls: readonly (string | undefined)[], text: string, file: string): void {
    for (const url of urls) {
      const key = url === undefined || url === '' ? undefined : canonicalKey(url);
      if (key !== undefined) this.#byUrl.set(key, file);
    }
    this.#byText.set(textHash(text), file);
  }

  addUrl(url: string, file: string): void {
    const key = canonicalKey(url);
    if (key !== undefined && !this.#byUrl.has(key)) this.#byUrl.set(key, file);
  }

  addText(text: string, file: string): void {
    const hash = textHash(text);
    if (!this.#byText.has(hash)) this.#byText.set(hash, file);
  }
}

/** Hash of a text with white space runs collapsed, so reflowed copies compare equal. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

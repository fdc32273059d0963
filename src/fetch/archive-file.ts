import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { canonicalKey } from './canonical-url.js';
import { sanitiseBody, sanitiseDate, sanitiseField, sanitiseUrl } from './sanitise.js';

/**
 * Writes a fetched article as a Markdown file with front matter, the archive's own format:
 * `<articles>/<outlet-slug>/<date>-<title-slug>.md`. Ingest stays the single path into the
 * index. A file is never overwritten: a name taken by another article gets a numbered
 * suffix; a name taken by the same article (same canonical URL) is left alone.
 */

/** An article ready to be written, fields as stated (absent when nobody states them). */
export interface FetchedArticle {
  readonly title: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly url?: string;
  readonly author?: string;
  /** Cleaned body, paragraphs separated by blank lines. */
  readonly text: string;
  /** Folder name when no outlet is stated: the site's host name. */
  readonly host: string;
}

export type WriteOutcome =
  | { readonly written: true; readonly file: string }
  | { readonly written: false; readonly file: string };

/** Renders the file's content; every field passes the sanitiser. Undefined without a title. */
export function renderArticle(article: FetchedArticle): string | undefined {
  const title = sanitiseField(article.title, 'title');
  if (title === undefined) return undefined;
  const outlet = sanitiseField(article.outlet, 'outlet');
  const published = sanitiseDate(article.published);
  const url = sanitiseUrl(article.url);
  const author = sanitiseField(article.author, 'author');
  const front: Record<string, string> = { title };
  if (outlet !== undefined) front['outlet'] = outlet;
  if (published !== undefined) front['published'] = published;
  if (url !== undefined) front['url'] = url;
  if (author !== undefined) front['author'] = author;
  // Quoted values throughout: a date stays the text written, "yes" stays a word.
  const yaml = stringify(front, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  });
  return `---\n${yaml}---\n\n${sanitiseBody(article.text).trim()}\n`;
}

/** The file's path relative to the articles folder. */
export function articlePath(article: FetchedArticle): string {
  const outlet = sanitiseField(article.outlet, 'outlet');
  const folder = slug(outlet ?? article.host, 60) || 'unknown-outlet';
  const published = sanitiseDate(article.published);
  const titleSlug = slug(article.title, 80) || 'article';
  const name = published === undefined ? titleSlug : `${published.slice(0, 10)}-${titleSlug}`;
  return `${folder}/${name}.md`;
}

/** Lower-case ASCII words joined by "-", at most `max` characters, cut at a word. */
export function slug(text: string, max: number): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let result = '';
  for (const word of words) {
    const next = result === '' ? word : `${result}-${word}`;
    if (next.length > max) break;
    result = next;
  }
  return result === '' ? (words[0] ?? '').slice(0, max) : result;
}

/**
 * Writes `article` under `articlesDir`, never replacing an existing file: the content goes
 * to a hidden temporary file (ingest passes over hidden files) and is hard-linked to its
 * name, which fails if the name exists — then the next suffix is tried, unless the existing
 * file is this same article.
 */
export async function writeArticle(
  articlesDir: string,
  article: FetchedArticle,
): Promise<WriteOutcome> {
  const content = renderArticle(article);
  if (content === undefined) throw new Error('an article without a title cannot be written');
  const relative = articlePath(article);
  const folder = path.join(articlesDir, path.dirname(relative));
  await mkdir(folder, { recursive: true });
  const base = path.basename(relative, '.md');
  const temporary = path.join(folder, `.${base}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    for (let attempt = 1; attempt < 1000; attempt++) {
      const name = attempt === 1 ? `${base}.md` : `${base}-${attempt}.md`;
      const target = path.join(folder, name);
      const file = path.relative(articlesDir, target).split(path.sep).join('/');
      try {
        await link(temporary, target);
        return { written: true, file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (await isSameArticle(target, article)) return { written: false, file };
      }
    }
    throw new Error(`no free file name for ${relative}`);
  } finally {
    await unlink(temporary);
  }
}

async function isSameArticle(file: string, article: FetchedArticle): Promise<boolean> {
  const mine = article.url === undefined ? undefined : canonicalKey(article.url);
  if (mine === undefined) return false;
  const theirs = frontMatterUrl(await readFile(file, 'utf8'));
  return theirs !== undefined && canonicalKey(theirs) === mine;
}

/**
 * The `url:` of a file's front matter, read without parsing the whole file: the rest of its
 * line, trimmed, without the quotes around it. The file may be anyone's: as one pattern
 * ending in `\s*$`, a line of 80,000 spaces after "url: a" took 11 s.
 */
export function frontMatterUrl(content: string): string | undefined {
  if (!content.startsWith('---')) return undefined;
  const end = content.indexOf('\n---', 3);
  const front = end < 0 ? '' : content.slice(0, end);
  const line = /^url:(.*)$/m.exec(front)?.[1];
  const url = line?.trim().replace(/^["']|["']$/g, '');
  return url === undefined || url === '' || /["']/.test(url) ? undefined : url;
}

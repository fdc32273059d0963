import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMissingFile, UserError } from '../errors.js';
import type { Article } from './article.js';
import { notTextReason } from './decode.js';
import { parseArticleFile } from './parse-article.js';

/**
 * Version of the rules that turn files into passages (cleaning in `clean.ts`, sentence rules
 * in `sentences.ts`, passage rules in `passages.ts`, parsing here). Bump it whenever one of
 * them changes its output: an index built with another version is rebuilt.
 */
export const CLEANING_VERSION = 1;

/** A file that could not be used as it is. */
export interface IngestIssue {
  readonly path: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

/** Articles read from a folder, and what went wrong with the other files. */
export interface ReadArticlesResult {
  /** Sorted by id. */
  readonly articles: Article[];
  /** Files that were not ingested, with the reason. */
  readonly skipped: IngestIssue[];
  /** Files that were ingested with a caveat (e.g. decoded as Windows-1252). */
  readonly warnings: IngestIssue[];
}

const ARTICLE_EXTENSIONS = new Set(['.md', '.txt']);

/**
 * Largest article file read, in bytes. A news article is tens of kilobytes; a book-length
 * transcript about one. Past this a file is a dump, not an article, and costs the whole run:
 * one 5.7 MB line took 39 s to ingest, and each question quoting it a second.
 */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * Reads every `.md` and `.txt` article under `dir`, recursively (hidden files and folders are
 * passed over; `README` files, links to folders and broken links are reported in `skipped`;
 * links to files are followed; binary files are skipped). An article's id is its path relative
 * to `dir` without the extension, with "/" separators: `000_938999e51d1b5c4a` in a flat folder,
 * `business/001` in a nested one.
 *
 * One bad file never aborts the run: an empty file, a file without body, broken front matter,
 * an unreadable file or a second file with the same id is reported in `skipped`; a file that
 * is not UTF-8 is read as Windows-1252 and reported in `warnings`.
 *
 * @throws UserError when `dir` does not exist or is not a folder.
 */
export async function readArticles(dir: string): Promise<ReadArticlesResult> {
  const root = path.resolve(dir);
  const info = await stat(root).catch((error: unknown) => {
    if (isMissing(error)) return undefined;
    throw error;
  });
  if (info === undefined || !info.isDirectory()) {
    throw new UserError(
      `Article folder ${root} ${info === undefined ? 'does not exist' : 'is not a folder'}. ` +
        'Put .md or .txt articles in data/articles, or point to another folder with --data DIR (or DATA_DIR in .env).',
    );
  }

  const scan = await scanArticleFolder(root);
  const files = scan.files.map((file) => ({
    id: articleId(path.relative(root, file)),
    path: file,
  }));
  const skipped: IngestIssue[] = [...scan.passedOver];
  const warnings: IngestIssue[] = [];
  const byId = new Map<string, Article>();

  // Synchronous reads: ingest is a batch job, and for thousands of small files readFileSync is
  // several times faster than fs/promises (measured on the BBC corpus: ~50 ms against ~200 ms).
  const results = files.map(({ id, path: file }) => {
    try {
      const { size } = statSync(file);
      if (size > MAX_ARTICLE_BYTES) {
        const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
        return {
          id,
          file,
          problem: `is ${mb(size)}, larger than the ${mb(MAX_ARTICLE_BYTES)} an article may be; split it into its articles or move it out of the folder`,
        };
      }
      return { id, file, bytes: readFileSync(file) };
    } catch (error) {
      return { id, file, error };
    }
  });

  for (const result of results) {
    const { id } = result;
    if ('problem' in result) {
      skipped.push({ path: result.file, message: result.problem });
      continue;
    }
    if ('error' in result) {
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      skipped.push({
        path: result.file,
        message: `could not be read (${reason}); check its permissions`,
      });
      continue;
    }
    const notText = notTextReason(result.bytes);
    if (notText !== undefined) {
      skipped.push({ path: result.file, message: notText });
      continue;
    }
    const parsed = parseArticleFile({ id, path: result.file, bytes: result.bytes });
    for (const message of parsed.warnings) warnings.push({ path: result.file, message });
    if (!parsed.ok) {
      skipped.push({ path: result.file, message: parsed.problem });
      continue;
    }
    const first = byId.get(id);
    if (first !== undefined) {
      skipped.push({
        path: result.file,
        message: `has the same id "${id}" as ${first.path}; rename one of them (ids are file names without extension)`,
      });
      continue;
    }
    byId.set(id, parsed.article);
  }

  const articles = [...byId.values()].sort((a, b) => compare(a.id, b.id));
  return { articles, skipped, warnings };
}

/** What a walk of the article folder found: article files, and entries it passed over. */
interface FolderScan {
  /** Article files (or links to them), sorted by path so that runs are reproducible. */
  readonly files: string[];
  /** Entries that look like articles but are not read, with the reason. */
  readonly passedOver: IngestIssue[];
}

const README = /^readme\./i;

/**
 * Walks `root` for article files. Hidden entries (".git", ".DS_Store") are not the user's
 * articles and are passed over silently, as are files of other types; `README.md`/`.txt` files
 * are reported (they describe the folder). A link to a file is followed wherever it points (it
 * is the user's own link, and a file is only read); a link to a folder is reported and not
 * followed, since folder links can loop; a broken link is reported.
 */
async function scanArticleFolder(root: string): Promise<FolderScan> {
  const files: string[] = [];
  const passedOver: IngestIssue[] = [];
  const isArticleName = (name: string) => ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase());
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      // The article folder itself must be readable (the caller says so); a sub-folder that
      // is not (no permission, a path too long to open) is one bad entry, not a failed run.
      if (folder === root) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      passedOver.push({
        path: folder,
        message: `is a folder that could not be read (${code}); check its permissions, or move its articles nearer the top`,
      });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        if (target === undefined) {
          passedOver.push({ path: full, message: 'is a broken link; fix or delete it' });
        } else if (target.isDirectory()) {
          passedOver.push({
            path: full,
            message:
              'is a link to a folder, which is not followed (folder links can loop); move or copy the folder here instead',
          });
        } else if (target.isFile() && isArticleName(entry.name) && !README.test(entry.name)) {
          files.push(full);
        }
        continue;
      }
      if (!entry.isFile() || !isArticleName(entry.name)) continue;
      if (README.test(entry.name)) {
        passedOver.push({
          path: full,
          message:
            'README files describe the folder and are not read as articles; rename it to index it',
        });
        continue;
      }
      files.push(full);
    }
  };
  await walk(root);
  return {
    files: files.sort(compare),
    passedOver: passedOver.sort((a, b) => compare(a.path, b.path)),
  };
}

/** An article file and the id its path gives it. */
export interface ArticleFile {
  readonly id: string;
  readonly path: string;
}

/**
 * The article files under `dir` (recursive, sorted) with their ids, without reading them:
 * enough to tell which files changed since an index was built. Empty when `dir` is missing.
 */
export async function findArticleFiles(dir: string): Promise<ArticleFile[]> {
  const root = path.resolve(dir);
  const scan = await scanArticleFolder(root).catch((error: unknown) => {
    if (isMissing(error)) return { files: [], passedOver: [] };
    throw error;
  });
  return scan.files.map((file) => ({ id: articleId(path.relative(root, file)), path: file }));
}

/** `business/001.txt` → `business/001`, with "/" on every platform. */
function articleId(relativePath: string): string {
  const withoutExtension = relativePath.slice(0, -path.extname(relativePath).length);
  return withoutExtension.split(path.sep).join('/');
}

/** Code-point order, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Missing, or a path through a file (ENOTDIR): either way there is no folder to read. */
function isMissing(error: unknown): boolean {
  return isMissingFile(error) || (error as NodeJS.ErrnoException | undefined)?.code === 'ENOTDIR';
}

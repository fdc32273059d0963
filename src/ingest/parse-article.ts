import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { Article } from './article.js';
import { cleanArticleText } from './clean.js';
import { decodeText } from './decode.js';
import { isCalendarDay } from '../calendar-day.js';
import { writtenDate } from '../written-date.js';

/** One article file as read from disk. */
export interface ArticleFile {
  /** Stable article id (relative path without extension). */
  readonly id: string;
  /** Path for messages. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The outcome for one file: an article, or the reason it was skipped; warnings either way. */
export type ParsedArticle =
  | { readonly ok: true; readonly article: Article; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problem: string; readonly warnings: readonly string[] };

/**
 * Bumped when the same file reads into other fields: an index records it, and an ingest under
 * another version rewrites every article's attribution (no passage is embedded again).
 * 2: field aliases (`date`, `source`, `link`…) and dates written in words.
 */
export const READING_VERSION = 2;

const FRONT_MATTER_FIELDS = ['title', 'outlet', 'author', 'published', 'url'] as const;
type FrontMatterField = (typeof FRONT_MATTER_FIELDS)[number];

/**
 * Other names the same fields go by in exported archives, static-site generators and feeds
 * (Hugo and Jekyll's `date`, RSS's `link` and `pubDate`, schema.org's `datePublished` and
 * `publisher`): an archive written by another tool keeps its dates and outlets. The field's
 * own name wins when both are given.
 */
const FIELD_ALIASES: Readonly<Record<string, FrontMatterField>> = {
  headline: 'title',
  source: 'outlet',
  publisher: 'outlet',
  site: 'outlet',
  site_name: 'outlet',
  byline: 'author',
  date: 'published',
  pubdate: 'published',
  published_at: 'published',
  publish_date: 'published',
  datepublished: 'published',
  link: 'url',
  canonical: 'url',
  canonical_url: 'url',
};
/** `YYYY-MM-DD`, optionally with a time and a zone, as ISO 8601 writes them. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const FENCE = /^---[ \t]*$/;
/**
 * Longest front matter read, in characters. It holds five short fields; the YAML parser checks
 * that keys are unique by comparing each with every other, so a file with 100,000 keys (1.5 MB)
 * took 3.5 minutes to parse. 16 KiB is hundreds of lines, and parses in milliseconds.
 */
export const MAX_FRONT_MATTER_CHARS = 16_384;

/**
 * Turns the bytes of a `.md` or `.txt` article into an {@link Article}, or says why it cannot.
 *
 * Layout: optional YAML front matter between `---` lines (`title`, `outlet`, `author`,
 * `published`, `url`), then the body. Without front matter the first non-empty line is the
 * title (a Markdown `#` is dropped) and the rest is the body. Fields are taken only as written:
 * a `published` value that is not an ISO date, or a `url` that is not http(s), is dropped
 * with a warning, never repaired. The body is cleaned with {@link cleanArticleText}.
 *
 * Pure apart from hashing; never throws for bad content.
 */
export function parseArticleFile(file: ArticleFile): ParsedArticle {
  const warnings: string[] = [];
  const fail = (problem: string): ParsedArticle => ({ ok: false, problem, warnings });

  if (file.bytes.length === 0) return fail('the file is empty; add the article text or delete it');
  const decoded = decodeText(file.bytes);
  if (decoded.encoding !== 'utf-8') {
    warnings.push(
      'not valid UTF-8; read it as Windows-1252. Check its accented letters and symbols, and re-save it as UTF-8 to silence this warning',
    );
  }
  const lines = decoded.text.split(/\r\n?|\n/);
  if (lines.every((line) => line.trim() === '')) {
    return fail('the file has only white space; add the article text or delete it');
  }

  let fields: Record<string, unknown> = {};
  let bodyLines = lines;
  if (FENCE.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
    if (close < 0) {
      return fail(
        'the front matter opened with "---" on the first line is never closed; add a "---" line after it',
      );
    }
    const yaml = lines.slice(1, close).join('\n');
    if (yaml.length > MAX_FRONT_MATTER_CHARS) {
      return fail(
        `the front matter is ${yaml.length} characters long (at most ${MAX_FRONT_MATTER_CHARS} are read); keep only title, outlet, author, published and url in it, and the text below its closing "---"`,
      );
    }
    let parsed: unknown;
    try {
      // 'error': the parser's warnings (an unknown tag) would go to stderr, source line and
      // all, past our report; its errors still throw.
      parsed = parseYaml(yaml, { logLevel: 'error' });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return fail(
        `the front matter is not valid YAML (${reason}); fix it, quoting values that contain ": "`,
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return fail(
        'the front matter must be "key: value" lines (title, outlet, author, published, url)',
      );
    }
    fields = parsed as Record<string, unknown>;
    bodyLines = lines.slice(close + 1);
  } else {
    const titleAt = lines.findIndex((line) => line.trim() !== '');
    fields = { title: (lines[titleAt] ?? '').replace(/^\s*#+\s+/, '') };
    bodyLines = lines.slice(titleAt + 1);
  }

  const typed = new Map<string, string>();
  fields = withAliases(fields, typed, warnings);
  // Messages name the key the file has ("date: …"), not the field it stands for.
  const keyOf = (field: string) => typed.get(field) ?? field;
  const title = textField(fields, 'title', warnings, keyOf);
  if (title === undefined) {
    return fail('the article has no title; add "title: …" to its front matter');
  }
  const text = cleanArticleText(bodyLines.join('\n'));
  if (text === '') {
    return fail(
      'the article has no body text after its title (or only page furniture such as share links); add the article text',
    );
  }

  const outlet = textField(fields, 'outlet', warnings, keyOf);
  const author = textField(fields, 'author', warnings, keyOf);
  const published = dateField(fields, warnings, keyOf);
  const url = urlField(fields, warnings, keyOf);
  const article: Article = {
    id: file.id,
    title,
    ...(outlet === undefined ? {} : { outlet }),
    ...(author === undefined ? {} : { author }),
    ...(published === undefined ? {} : { published }),
    ...(url === undefined ? {} : { url }),
    text,
    path: file.path,
    hash: contentHash(file.bytes),
  };
  return { ok: true, article, warnings };
}

/**
 * The front matter with aliases under their field's name (the field's own name first), and a
 * warning for each key that is neither.
 */
function withAliases(
  fields: Record<string, unknown>,
  typed: Map<string, string>,
  warnings: string[],
): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if ((FRONT_MATTER_FIELDS as readonly string[]).includes(key)) named[key] = value;
  }
  for (const [key, value] of Object.entries(fields)) {
    if ((FRONT_MATTER_FIELDS as readonly string[]).includes(key)) continue;
    const field = FIELD_ALIASES[key.toLowerCase()];
    if (field === undefined) {
      warnings.push(
        `front matter field "${key}" is not used and was ignored (known: ${FRONT_MATTER_FIELDS.join(', ')})`,
      );
    } else if (named[field] === undefined) {
      named[field] = value;
      typed.set(field, key);
    }
  }
  return named;
}

/** A one-line text field, normalised like the body; absent when missing or empty. */
function textField(
  fields: Record<string, unknown>,
  key: string,
  warnings: string[],
  keyOf: (field: string) => string = (field) => field,
): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    warnings.push(`front matter "${keyOf(key)}" must be text; it was ignored`);
    return undefined;
  }
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function dateField(
  fields: Record<string, unknown>,
  warnings: string[],
  keyOf: (field: string) => string,
): string | undefined {
  let value = fields['published'];
  // YAML 1.1 documents may turn an unquoted date into a Date; keep its calendar day.
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    value = value.toISOString().slice(0, 10);
  }
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : String(value);
  const match = ISO_DATE.exec(text);
  if (match !== null && isRealDate(match)) return text;
  // "3 September 2025", "Sun, 24 Aug 2025 10:00:00 GMT": its calendar day.
  const written = writtenDate(text);
  if (written !== undefined) return written;
  warnings.push(
    `front matter "${keyOf('published')}: ${text}" is not a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, or "3 September 2025"); it was dropped — write the date the article states in one of those forms`,
  );
  return undefined;
}

function isRealDate(match: RegExpExecArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return false;
  return (
    // Date.UTC reads years 0–99 as 1900–1999: such a year is not the one written.
    year >= 100 &&
    isCalendarDay(year, month, day) &&
    hour < 24 &&
    minute < 60 &&
    // 60 allows a leap second.
    second <= 60
  );
}

function urlField(
  fields: Record<string, unknown>,
  warnings: string[],
  keyOf: (field: string) => string,
): string | undefined {
  const text = textField(fields, 'url', warnings, keyOf);
  if (text === undefined) return undefined;
  if (URL.canParse(text)) {
    const { protocol } = new URL(text);
    if (protocol === 'http:' || protocol === 'https:') return text;
  }
  warnings.push(`front matter "${keyOf('url')}: ${text}" is not an http(s) link; it was dropped`);
  return undefined;
}

/** The content hash an index keeps per article: hex sha256 of the file's raw bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

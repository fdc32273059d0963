import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeOrigin, type CoreConfig, type SettingOrigin } from '../config.js';
import { CorruptIndexError, UserError } from '../errors.js';
import { findArticleFiles } from '../ingest/read-articles.js';
import { recordedDataDir, type Manifest } from '../store/corpus-index.js';
import {
  indexFolderProblem,
  inspectIndexFolder,
  isReplaceable,
  type IndexFolderState,
} from '../store/index-folder.js';
import { readManifest } from '../store/open-index.js';

/**
 * The checks both `npm run ask` and `npm run ingest` run on the index and article folders
 * before anything is loaded (no model, no hub), and the words their messages use: each names
 * the folder as the user gave it (`--index myidx`, `INDEX_DIR=…`, or the default) and each
 * recovery hint repeats the flags the user typed.
 */

/** How to name a folder setting in a message: what was typed, and where it resolved to. */
function label(origin: SettingOrigin | undefined, resolved: string, what: string): string {
  const typed = describeOrigin(origin, `the ${what} ${resolved}`);
  if (origin === undefined || origin.from === 'default') return typed;
  return path.isAbsolute(origin.value) && path.normalize(origin.value) === resolved
    ? typed
    : `${typed} (${resolved})`;
}

/** The index folder as the user named it, e.g. "--index myidx (/home/me/myidx)". */
export function indexLabel(config: CoreConfig): string {
  return label(config.origins?.indexDir, config.indexDir, 'index folder');
}

/** The article folder as the user named it. */
export function dataLabel(config: CoreConfig, dataDir = config.dataDir): string {
  return dataDir === config.dataDir
    ? label(config.origins?.dataDir, dataDir, 'article folder')
    : `the article folder ${dataDir}`;
}

/** Quotes `value` for a POSIX shell when it needs it. */
function shellWord(value: string): string {
  return /^[\w./:@%+=,-]+$/u.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `npm run ingest` command to suggest: it repeats the `--index`, `--data` and `--model`
 * flags the user gave on the command line (environment variables stay set by themselves),
 * then `extra` (e.g. "--force").
 */
export function ingestCommand(config: CoreConfig, ...extra: string[]): string {
  const words: string[] = [];
  const origins = config.origins;
  for (const origin of [origins?.indexDir, origins?.dataDir, origins?.embeddingModel]) {
    if (origin?.from === 'flag') words.push(origin.name, shellWord(origin.value));
  }
  words.push(...extra);
  return words.length === 0 ? 'npm run ingest' : `npm run ingest -- ${words.join(' ')}`;
}

/**
 * Checks the index folder: it must not be a file; when `writing`, it must be missing (with an
 * existing parent), empty, or an index (see `inspectIndexFolder`). Throws a one-line
 * `UserError` otherwise; returns what is there.
 */
export async function checkIndexFolder(
  config: CoreConfig,
  { writing }: { writing: boolean },
): Promise<IndexFolderState> {
  const state = await inspectIndexFolder(config.indexDir);
  if (state.kind === 'not-a-folder' || (writing && !isReplaceable(state))) {
    throw new UserError(indexFolderProblem(state, indexLabel(config)) ?? 'unreachable');
  }
  return state;
}

/**
 * Reads the manifest of the configured index (undefined when there is none). A damaged one is
 * a `CorruptIndexError` whose advice repeats the user's flags.
 */
export async function readIndexManifest(config: CoreConfig): Promise<Manifest | undefined> {
  try {
    return await readManifest(config.indexDir);
  } catch (error) {
    throw withRebuildHint(config, error);
  }
}

/** `error` with the user's own rebuild command when it is a `CorruptIndexError`. */
export function withRebuildHint(config: CoreConfig, error: unknown): unknown {
  if (!(error instanceof CorruptIndexError)) return error;
  const hinted = new CorruptIndexError(error.indexDir, error.problem, { cause: error });
  hinted.message =
    `The index in ${indexLabel(config)} is damaged (${error.problem}). ` +
    `Rebuild it: ${ingestCommand(config, '--force')}`;
  return hinted;
}

/**
 * With the default index folder and no parent for it (run outside the project, or `data/` not
 * there at all), the missing article folder is what to fix first, so it is named first.
 */
export async function checkDataFolderFirstIfDefaults(config: CoreConfig): Promise<void> {
  const chosen = config.origins === undefined || config.origins.indexDir.from !== 'default';
  if (chosen || (await inspectIndexFolder(config.indexDir)).kind !== 'no-parent') return;
  await checkDataFolder(config, config.dataDir);
}

/** Throws a one-line `UserError` unless `dataDir` is an existing folder. */
export async function checkDataFolder(config: CoreConfig, dataDir: string): Promise<void> {
  const info = await stat(dataDir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (info?.isDirectory() === true) return;
  const name = dataLabel(config, dataDir);
  throw new UserError(
    info === undefined
      ? `${name} does not exist. Put .md or .txt articles there, or point --data at your article folder.`
      : `${name} is a file, not a folder. Point --data at the folder that holds your articles.`,
  );
}

/** `target` with symbolic links resolved as far as it exists, so that aliases compare equal. */
async function realPath(target: string): Promise<string> {
  const resolved = path.resolve(target);
  try {
    return await realpath(resolved);
  } catch {
    const parent = path.dirname(resolved);
    if (parent === resolved) return resolved;
    return path.join(await realPath(parent), path.basename(resolved));
  }
}

/** True when `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True when `a` and `b` are the same folder (after resolving links). */
export async function sameFolder(a: string, b: string): Promise<boolean> {
  return (await realPath(a)) === (await realPath(b));
}

/**
 * Throws a one-line `UserError` when the index and article folders overlap: the same folder
 * (an ingest would replace the articles), the index inside the articles (its files would be
 * read as articles) or the articles inside the index (replaced with it).
 */
export async function checkFoldersApart(config: CoreConfig, dataDir: string): Promise<void> {
  const index = await realPath(config.indexDir);
  const data = await realPath(dataDir);
  const indexName = indexLabel(config);
  const dataName = dataLabel(config, dataDir);
  if (index === data) {
    throw new UserError(
      `${indexName} and ${dataName} are the same folder: building the index there would ` +
        'replace the articles. Keep the index in a folder of its own, e.g. --index data/index.',
    );
  }
  if (isWithin(index, data)) {
    throw new UserError(
      `${indexName} lies inside ${dataName}: its files would be read as articles. ` +
        'Keep the index outside the article folder, e.g. beside it.',
    );
  }
  if (isWithin(data, index)) {
    throw new UserError(
      `${dataName} lies inside ${indexName}, which an ingest replaces whole. ` +
        'Keep the articles outside the index folder.',
    );
  }
}

/** Which article folder goes with an index, and whether the user asked for another one. */
export interface DataDirChoice {
  /** The folder to read. */
  readonly dataDir: string;
  /** The folder recorded in the index, when it differs from the one the user chose. */
  readonly conflictsWith?: string;
  /** True when the folder is the one recorded in the index's manifest. */
  readonly fromManifest: boolean;
}

/**
 * The article folder for the configured index: the one the user chose (`--data` or
 * `DATA_DIR`), else the one recorded in the index (so `--index myidx` alone stays with its own
 * articles), else the default. A chosen folder that differs from the recorded one is reported
 * in `conflictsWith`: ingest refuses it without `--force`, ask warns.
 */
export async function chooseDataDir(
  config: CoreConfig,
  manifest: Manifest | undefined,
): Promise<DataDirChoice> {
  const recorded = manifest === undefined ? undefined : recordedDataDir(manifest, config.indexDir);
  // A config built by hand (no origins) says which folder it means.
  const chosen = config.origins === undefined || config.origins.dataDir.from !== 'default';
  if (recorded === undefined) return { dataDir: config.dataDir, fromManifest: false };
  if (!chosen) return { dataDir: recorded, fromManifest: true };
  if (await sameFolder(recorded, config.dataDir)) {
    return { dataDir: config.dataDir, fromManifest: false };
  }
  return { dataDir: config.dataDir, conflictsWith: recorded, fromManifest: false };
}

/** How to stop choosing another article folder, for a conflict message. */
export function dropDataAdvice(config: CoreConfig): string {
  const origin = config.origins?.dataDir;
  return origin?.from === 'env' ? `unset ${origin.name}` : 'leave out --data';
}

/**
 * Every check before building a first index from `config.dataDir`: the index folder may be
 * written, the article folder exists, and they are apart.
 */
export async function checkFoldersForFirstBuild(config: CoreConfig): Promise<void> {
  await checkDataFolderFirstIfDefaults(config);
  await checkIndexFolder(config, { writing: true });
  await checkDataFolder(config, config.dataDir);
  await checkFoldersApart(config, config.dataDir);
}

/**
 * For an index built before indexes recorded their article folder: when the user did not
 * choose the folder and not one of the index's articles is in it, updating would replace the
 * whole corpus with another — the mistake recording `dataDir` prevents. Returns the refusal,
 * or undefined when the folder plausibly is the index's own.
 */
export async function unrecordedCorpusProblem(
  config: CoreConfig,
  manifest: Manifest,
  dataDir: string,
): Promise<string | undefined> {
  if (recordedDataDir(manifest, config.indexDir) !== undefined) return undefined;
  if (config.origins === undefined || config.origins.dataDir.from !== 'default') return undefined;
  const indexed = Object.keys(manifest.articles);
  if (indexed.length === 0) return undefined;
  const present = new Set((await findArticleFiles(dataDir)).map((file) => file.id));
  if (indexed.some((id) => present.has(id))) return undefined;
  return (
    `The index in ${indexLabel(config)} does not record which articles it was built from, and ` +
    `none of its ${indexed.length} articles are in ${dataLabel(config, dataDir)}. Pass its ` +
    `article folder with --data DIR, or rebuild it from ${dataDir}: ${ingestCommand(config, '--force')}`
  );
}

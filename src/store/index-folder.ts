import { isMissingFile, UserError } from '../errors.js';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The index folder as a unit that is replaced whole, never edited in place, so a reader (the
 * bot, `npm run ask`) and a crash mid-ingest only ever see a complete index.
 *
 * A build writes into a sibling `<dir>.tmp-<pid>-<random>` folder, syncs it to disk, then
 * swaps it in with two renames: `<dir>` → `<dir>.old-<pid>-<random>`, temp → `<dir>`. A
 * rename within one parent folder is atomic, but two renames are not: a crash between them
 * leaves no `<dir>` and a complete `<dir>.old-*`, which `recoverIndexFolder` renames back.
 * (A symlink flip would be a single atomic step, but symlinks need privileges on Windows and
 * would turn an existing plain `data/index/` folder into a special case.)
 *
 * Because a swap deletes whatever was at `<dir>`, every rename and removal here is limited to
 * folders that are recognisably ours (`inspectIndexFolder`, `isOurFolder`): an index path that
 * points at a user's folder is refused, never replaced.
 */

/** Files of an index folder. `index.json` and `docs/` are vectra's; the rest are ours. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  articles: 'articles.json',
  passages: 'passages.json',
  /** Row-major little-endian float32 matrix, one row per passage in `passages.json` order. */
  vectors: 'vectors.f32',
  lexical: 'lexical.json',
  /** vectra `LocalIndex` file: one item per passage. */
  vectra: 'index.json',
  /** Article texts where vectra's BM25 reads them (`<documentId>.txt`). */
  vectraDocs: 'docs',
} as const;

/** Entries the operating system drops into any folder it displays; not the user's work. */
const OS_CLUTTER: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const OUR_NAMES: ReadonlySet<string> = new Set(Object.values(INDEX_FILES));

/** What is at an index path, as far as building an index there goes. */
export type IndexFolderState =
  /** Nothing yet; its parent folder exists, so the index can be created. */
  | { readonly kind: 'absent' }
  | { readonly kind: 'empty' }
  /** Our manifest and nothing but our files: an index (its files may be damaged). */
  | { readonly kind: 'index' }
  /** Nothing there, and no parent folder to create it in. */
  | { readonly kind: 'no-parent'; readonly parent: string }
  | { readonly kind: 'not-a-folder' }
  /** A folder holding things an index does not: the user's, never to be replaced. */
  | { readonly kind: 'foreign'; readonly names: readonly string[] };

/** Kinds of `IndexFolderState` where an index may be written (and replaced). */
export function isReplaceable(state: IndexFolderState): boolean {
  return state.kind === 'absent' || state.kind === 'empty' || state.kind === 'index';
}

/**
 * True when `manifest.json` is ours or damaged (not JSON, which a crash or a disk error can
 * cause); false when it is valid JSON without our fields, such as a web app's manifest.
 */
async function isOurManifest(file: string): Promise<boolean> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return true;
    throw error;
  }
  return (
    typeof parsed === 'object' &&
    parsed !== null &&
    ('schemaVersion' in parsed || 'model' in parsed)
  );
}

/** Entries of `folder` that an index folder never holds. */
function foreignNames(names: readonly string[]): string[] {
  return names.filter((name) => !OUR_NAMES.has(name) && !OS_CLUTTER.has(name)).sort();
}

/**
 * Tells whether an index may be written at `dir` (see `IndexFolderState`). Read-only. A
 * folder is an index when it holds our `manifest.json` (even a damaged one) and nothing
 * else but index files; an ingest writes the manifest last, so a folder without one was
 * never a complete index of ours.
 */
export async function inspectIndexFolder(dir: string): Promise<IndexFolderState> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return { kind: 'not-a-folder' };
    if (code !== 'ENOENT') throw error;
    const parent = path.dirname(dir);
    const parentInfo = await stat(parent).catch((parentError: unknown) => {
      const parentCode = (parentError as NodeJS.ErrnoException).code;
      if (parentCode === 'ENOENT' || parentCode === 'ENOTDIR') return undefined;
      throw parentError;
    });
    return parentInfo?.isDirectory() === true ? { kind: 'absent' } : { kind: 'no-parent', parent };
  }
  if (!info.isDirectory()) return { kind: 'not-a-folder' };
  const names = await readdir(dir);
  if (names.every((name) => OS_CLUTTER.has(name))) return { kind: 'empty' };
  const foreign = foreignNames(names);
  const manifest = path.join(dir, INDEX_FILES.manifest);
  if (!names.includes(INDEX_FILES.manifest)) {
    // Only index files, among them our vectors, but no manifest: an index that lost it.
    if (foreign.length === 0 && names.includes(INDEX_FILES.vectors)) return { kind: 'index' };
    return { kind: 'foreign', names: foreign.length > 0 ? foreign : names.sort() };
  }
  if (!(await isOurManifest(manifest))) {
    return { kind: 'foreign', names: [INDEX_FILES.manifest, ...foreign] };
  }
  return foreign.length === 0 ? { kind: 'index' } : { kind: 'foreign', names: foreign };
}

/**
 * A one-line explanation of why no index may be written at an index path in `state`, naming
 * it by `label` (what the user typed, e.g. "--index notes"); undefined when it may be.
 */
export function indexFolderProblem(state: IndexFolderState, label: string): string | undefined {
  switch (state.kind) {
    case 'absent':
    case 'empty':
    case 'index':
      return undefined;
    case 'no-parent':
      return (
        `${label}: the folder ${state.parent} does not exist. Create it first ` +
        '(or choose another index folder); coverage-bot creates only the index folder itself.'
      );
    case 'not-a-folder':
      return `${label} is a file, not a folder. Choose a folder for the index (a new one, or an existing index).`;
    case 'foreign': {
      const shown = state.names.slice(0, 3).join(', ');
      const more = state.names.length > 3 ? ` and ${state.names.length - 3} more` : '';
      return (
        `${label} holds files that are not part of an index (${shown}${more}). Building an ` +
        'index replaces its folder whole, so coverage-bot will not touch it; choose a new or ' +
        'empty folder, or move those files out.'
      );
    }
  }
}

/** Throws a `UserError` unless an index may be written at `dir` (see `inspectIndexFolder`). */
export async function assertIndexFolderReplaceable(dir: string, label = dir): Promise<void> {
  const problem = indexFolderProblem(await inspectIndexFolder(dir), label);
  if (problem !== undefined) throw new UserError(problem);
}

/**
 * True when `folder` is a real folder (not a link) holding nothing but index files: a temp
 * folder of a build (perhaps without its manifest yet) or a swapped-out index.
 */
async function isOurFolder(folder: string): Promise<boolean> {
  const info = await lstat(folder);
  return info.isDirectory() && foreignNames(await readdir(folder)).length === 0;
}

/** True when `folder` holds a complete index of ours (its manifest is written last). */
async function holdsIndex(folder: string): Promise<boolean> {
  const manifest = path.join(folder, INDEX_FILES.manifest);
  if (!(await exists(manifest))) return false;
  return await isOurManifest(manifest);
}

type SiblingKind = 'tmp' | 'old';

function siblingName(dir: string, kind: SiblingKind): string {
  return `${path.basename(dir)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

interface Sibling {
  readonly path: string;
  readonly kind: SiblingKind;
  readonly pid: number;
}

/** Temp and old folders next to `dir` left by this or an earlier (perhaps crashed) build. */
async function listSiblings(dir: string): Promise<Sibling[]> {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  const siblings: Sibling[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(tmp|old)-(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const kind = match[1] as SiblingKind;
    const sibling = path.join(parent, name);
    // A name that merely looks like ours is still not ours to rename or delete.
    if (!(await isOurFolder(sibling).catch(() => false))) continue;
    siblings.push({ path: sibling, kind, pid: Number(match[2]) });
  }
  return siblings;
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch (error) {
    if (isMissingFile(error)) return false;
    throw error;
  }
}

/** True when a process with this id is running (another ingest still writing its temp folder). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a reader waits for a running ingest to finish its swap: 20 × 50 ms. */
const SWAP_WAIT_STEPS = 20;
const SWAP_WAIT_MS = 50;

function isOtherRunning(pid: number): boolean {
  return pid !== process.pid && isRunning(pid);
}

/**
 * Repairs a swap cut short between its two renames: when `dir` is missing but an
 * `<dir>.old-*` folder exists, that folder is the last complete index; rename it back.
 * Returns true when it restored one. Safe to call at every open.
 */
export async function recoverIndexFolder(dir: string): Promise<boolean> {
  if (await exists(dir)) return false;
  let olds = (await listSiblings(dir)).filter((sibling) => sibling.kind === 'old');
  if (olds.length === 0) return false;
  // An ingest still running may be between its two renames right now (a bot opening the
  // index at that moment): give it a moment to finish rather than undo its swap.
  for (
    let wait = 0;
    wait < SWAP_WAIT_STEPS && olds.some((old) => isOtherRunning(old.pid));
    wait++
  ) {
    await new Promise((resolve) => setTimeout(resolve, SWAP_WAIT_MS));
    if (await exists(dir)) return false;
    olds = (await listSiblings(dir)).filter((sibling) => sibling.kind === 'old');
    if (olds.length === 0) return false;
  }
  // Normally there is exactly one; if several, the newest is the last index that was live.
  const complete: Sibling[] = [];
  for (const old of olds) if (await holdsIndex(old.path)) complete.push(old);
  const dated = await Promise.all(
    complete.map(async (old) => ({ old, mtime: (await stat(old.path)).mtimeMs })),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  const newest = dated[0];
  if (newest === undefined) return false;
  await rename(newest.old.path, dir);
  return true;
}

/**
 * Deletes temp and old folders left by crashed or interrupted builds. Folders of a build
 * still running in another process are left alone. Returns the removed paths.
 */
export async function removeLeftovers(dir: string): Promise<string[]> {
  await recoverIndexFolder(dir);
  const removed: string[] = [];
  for (const sibling of await listSiblings(dir)) {
    // A running ingest's folders are its own business; it removes them itself.
    if (isOtherRunning(sibling.pid)) continue;
    await rm(sibling.path, { recursive: true, force: true });
    removed.push(sibling.path);
  }
  return removed;
}

/**
 * Creates a fresh, empty temp folder next to `dir` to build a new index in. The parent folder
 * must exist: a mistyped `--index /nonexistent/deep/path` must not create a tree of folders.
 */
export async function createTempFolder(dir: string): Promise<string> {
  const temp = path.join(path.dirname(dir), siblingName(dir, 'tmp'));
  await mkdir(temp);
  return temp;
}

/** Writes `data` to `file` and flushes it to disk before returning. */
export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (new names, renames) to disk, where the platform allows. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch (error) {
    // Windows cannot open a directory; its renames are durable without this step.
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `dir` with the complete folder `temp` (its sibling), then deletes the previous
 * index. A reader opening `dir` sees the old index or the new one, never a mix.
 */
export async function swapInFolder(temp: string, dir: string): Promise<void> {
  await syncFolder(temp);
  const parent = path.dirname(dir);
  // Checked again right before the rename: the folder may have changed during a long build.
  await assertIndexFolderReplaceable(dir);
  let old: string | undefined;
  if (await exists(dir)) {
    old = path.join(parent, siblingName(dir, 'old'));
    await rename(dir, old);
  }
  await rename(temp, dir);
  await syncFolder(parent);
  if (old !== undefined) await rm(old, { recursive: true, force: true });
}

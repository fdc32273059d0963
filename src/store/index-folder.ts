import { isMissingFile } from '../errors.js';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
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
    siblings.push({
      path: path.join(parent, name),
      kind: match[1] as SiblingKind,
      pid: Number(match[2]),
    });
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
  const dated = await Promise.all(
    olds.map(async (old) => ({ old, mtime: (await stat(old.path)).mtimeMs })),
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

/** Creates a fresh, empty temp folder next to `dir` to build a new index in. */
export async function createTempFolder(dir: string): Promise<string> {
  await mkdir(path.dirname(dir), { recursive: true });
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
  let old: string | undefined;
  if (await exists(dir)) {
    old = path.join(parent, siblingName(dir, 'old'));
    await rename(dir, old);
  }
  await rename(temp, dir);
  await syncFolder(parent);
  if (old !== undefined) await rm(old, { recursive: true, force: true });
}

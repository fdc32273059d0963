// @ts-check
/* global process, console -- Node globals; this file is plain JavaScript */
/**
 * `node scripts/run-fresh.mjs src/cli/ask.ts [args…]`: runs an entry point of `src/` from its
 * compiled copy in `dist/` when that copy is up to date, else from the source through tsx.
 *
 * Why: tsx compiles on every start (`npm run ask` took 2.1–2.4 s a question through tsx, 1.0 s
 * from `dist/`), but a developer who edits `src/` must never silently get the old behaviour.
 * `dist/` counts as up to date when every `src/**\/*.ts` has its `.js` in `dist/src/` and no
 * source (nor tsconfig) was modified after the oldest of those files was written: `tsc`
 * rewrites every output on each build, so any edit, checkout or pull since then shows as a
 * newer source. Otherwise one line on stderr says so and the source runs (stdout stays clean).
 *
 * Plain JavaScript so that node runs it as is; the target runs in this same process, so
 * signals reach its handlers directly and its exit code is the command's.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every file under `folder` whose name ends in `suffix`, recursively. */
async function filesUnder(folder, suffix) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full, suffix)));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found;
}

/** Modification time in ms, or undefined when the file does not exist. */
async function mtimeOf(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Whether `dist/` holds an up-to-date build of `src/` (see the top of this file).
 * @param {string} root the repository folder
 * @returns {Promise<boolean>}
 */
export async function isBuildFresh(root) {
  const sources = await filesUnder(path.join(root, 'src'), '.ts');
  const configs = ['tsconfig.json', 'tsconfig.build.json'].map((name) => path.join(root, name));
  let newestSource = 0;
  for (const file of [...sources, ...configs]) {
    newestSource = Math.max(newestSource, (await mtimeOf(file)) ?? 0);
  }
  for (const source of sources) {
    const built = await mtimeOf(compiledPath(root, source));
    if (built === undefined || built < newestSource) return false;
  }
  return sources.length > 0;
}

/**
 * `dist/src/x/y.js` for `src/x/y.ts`.
 * @param {string} root
 * @param {string} source
 */
export function compiledPath(root, source) {
  return path.join(root, 'dist', path.relative(root, source).replace(/\.ts$/u, '.js'));
}

async function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === undefined || !entry.endsWith('.ts')) {
    console.error('usage: node scripts/run-fresh.mjs src/<entry>.ts [args…]');
    process.exitCode = 2;
    return;
  }
  const source = path.resolve(repo, entry);
  let target = compiledPath(repo, source);
  if (!(await isBuildFresh(repo))) {
    console.error(
      `note: src/ changed since the last build; running ${entry} from source (slower to ` +
        'start). Run npm run build to start from dist/ again.',
    );
    const tsx = await import('tsx/esm/api').catch(() => undefined);
    if (tsx === undefined) {
      // An install without dev dependencies (npm ci --omit=dev) has no tsx to run sources.
      console.error('error: dist/ is out of date and tsx is not installed: run npm run build.');
      process.exitCode = 1;
      return;
    }
    tsx.register();
    target = source;
  }
  // The entry points run only when executed directly (`process.argv[1]` is their file).
  process.argv = [process.argv[0] ?? process.execPath, target, ...args];
  await import(pathToFileURL(target).href);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}

/**
 * Small measuring helpers shared by the benchmark sections (`scripts/bench/*.ts`).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { quantile } from '../../src/retrieve/calibrate-gate.js';

/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method: always one of the
 * measured values, never an interpolation between two. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  return values.length === 0 ? Number.NaN : quantile(values, p / 100);
}

/** The median of `values` (the mean of the middle two for an even count). NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Peak resident set size of this process so far, in MiB (`maxRSS` is in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Total size in bytes of the files under `folder`, recursively. */
export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

/** Milliseconds `work` took, with its result. */
export async function timeMs<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

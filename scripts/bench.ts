/**
 * `npm run bench [-- section …]`: prints the numbers the issues set targets for.
 *   embed  — bundled model load time, passages/s, peak RSS
 *   ingest — full ingest of ../shared/corpora/bbc and an unchanged re-run
 *   query  — p50/p95 on the seeds, BBC and BBC×10, side by side with vectra's own hybrid
 *   split  — time per MB to split one long paragraph, 10 kB to 5 MB (flat = no hang)
 *   swap   — the running bot's refresh at BBC size: time and memory of a hot index swap
 *   fetch  — fetch + extract + ingest of 500 local pages; a poll of 20 feeds with nothing new
 * Each section runs in its own process so that its peak RSS is its own. Figures are medians
 * of repeated runs; ratios compare runs made in the same process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sections = ['embed', 'ingest', 'query', 'split', 'swap', 'fetch'];
const here = path.dirname(fileURLToPath(import.meta.url));

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !sections.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Choose from: ${sections.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : sections) {
  console.log(`\n## ${name}\n`);
  const run = spawnSync(
    process.execPath,
    // --expose-gc: the swap section reads memory after a forced collection.
    ['--expose-gc', '--import', 'tsx', path.join(here, 'bench', `${name}.ts`)],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) {
    console.error(`bench section "${name}" failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;

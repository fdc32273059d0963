/**
 * Splitting benchmark: time per MB to cut one long paragraph (a live blog or transcript with no
 * line breaks, the worst case) into sentences and passages, from 10 kB to 5 MB. Issue #10's
 * target: the time per MB stays flat, so no article can hang an ingest. Node 20's
 * `Intl.Segmenter` alone is super-linear (see `MAX_SEGMENTER_CHARS`); the last column shows
 * that, feeding it the whole paragraph at once, for the sizes where that still ends quickly.
 *
 * Run alone with `npx tsx scripts/bench/split.ts`, or as `npm run bench -- split`.
 */
import { pathToFileURL } from 'node:url';
import { splitIntoPassages } from '../../src/ingest/passages.js';
import { splitSentences } from '../../src/ingest/sentences.js';
import { median } from './stats.js';

const SIZES_KB = [10, 50, 200, 1_000, 5_000];
/** Above this, one segmenter call for the whole paragraph takes seconds to hours. */
const WHOLE_UP_TO_KB = 50;
/** Timed samples per size; each sample splits about 1 MB (or one text, if larger). */
const SAMPLES = 5;

/** News-like sentences with the cases the sentence fixes handle, as one paragraph. */
export function longParagraph(bytes: number): string {
  const shapes = [
    (i: number) => `Sen. Smith told reporters in the U.S. capital that update ${i} was in.`,
    (i: number) => `“Is this the end? Certainly not,” Mr. Jones said of item No. ${i}.`,
    (i: number) => `Prices rose by ${i}.5% at 5 p.m. on Friday… Then they fell again.`,
    (i: number) => `Officials said the plan, agreed by Acme Inc. and others, was number ${i}.`,
  ];
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const sentence = shapes[i % shapes.length]!(i);
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

/** Median milliseconds per MB of text for `split` on `text`. */
function msPerMb(text: string, split: (text: string) => unknown): number {
  const repeats = Math.max(1, Math.round(1_000_000 / text.length));
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const started = performance.now();
    for (let r = 0; r < repeats; r++) split(text);
    samples.push((performance.now() - started) / ((text.length * repeats) / 1_000_000));
  }
  return median(samples);
}

/** Runs the splitting benchmark and prints its figures as a Markdown table. */
export function benchSplit(): void {
  const rows: string[] = [];
  let baseline = Number.NaN;
  for (const kb of SIZES_KB) {
    const text = longParagraph(kb * 1000);
    const sentences = splitSentences(text).length;
    const perMb = msPerMb(text, (t) => splitIntoPassages({ id: 'bench', text: t }));
    if (Number.isNaN(baseline)) baseline = perMb;
    const whole =
      kb <= WHOLE_UP_TO_KB
        ? `${msPerMb(text, (t) => splitSentences(t, Number.POSITIVE_INFINITY)).toFixed(0)} ms/MB`
        : 'not run (super-linear)';
    rows.push(
      `| ${kb.toLocaleString('en')} kB | ${sentences.toLocaleString('en')} | ` +
        `${perMb.toFixed(0)} ms/MB | ${(perMb / baseline).toFixed(2)} | ${whole} |`,
    );
  }
  console.log(
    `One paragraph split into sentences and passages (median of ${SAMPLES} samples; ratio to ` +
      `10 kB in this run; target: ratio stays near 1)\n`,
  );
  console.log(
    '| paragraph | sentences | time per MB | ratio | sentences only, one segmenter call |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSplit();
}

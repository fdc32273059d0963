/**
 * Prints the query benchmark's figures as Markdown: one column per corpus, the growth from
 * BBC to BBC×10, and a verdict per target of issue #4.
 */
import { median, percentile } from '../stats.js';
import type { CorpusMeasure } from './measure-corpus.js';
import type { VectraMeasure, VectraRunOptions } from './vectra-baseline.js';

/** Targets of issue #4, with the bundled model. */
const TARGET_P50_MS = 10;
const TARGET_SPEEDUP = 5;

/** Bytes of one index folder. */
export interface IndexBytes {
  readonly total: number;
  /** Our files: manifest, articles, passages, vectors, lexical. */
  readonly ours: number;
  /** vectra's `index.json` and `docs/`, written only so vectra can be compared. */
  readonly vectra: number;
}

/** One measured corpus. */
export interface CorpusReport {
  readonly label: string;
  /** Timed passes of our code over the questions. */
  readonly rounds: number;
  readonly vectraLimits: Omit<VectraRunOptions, 'topK'>;
  readonly bytes: IndexBytes;
  readonly measure: CorpusMeasure;
  /** vectra's figures, or why there are none (its run failed; ours still stand). */
  readonly vectra: VectraMeasure | { readonly error: string };
}

function vectraOf(report: CorpusReport): VectraMeasure | undefined {
  return 'error' in report.vectra ? undefined : report.vectra;
}

const MiB = 1024 * 1024;

function ms(value: number): string {
  if (Number.isNaN(value)) return '—';
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en')} ms`;
}

function mib(value: number): string {
  return `${value.toFixed(1)} MiB`;
}

function count(value: number): string {
  return value.toLocaleString('en');
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `×${value.toFixed(value < 10 ? 2 : 1)}` : '—';
}

/** p50 is the median (as in every other figure here), p95 by nearest rank. */
function p50p95(samples: readonly number[]): string {
  return samples.length === 0 ? '—' : `${ms(median(samples))} / ${ms(percentile(samples, 95))}`;
}

/**
 * Below this many passages, the per-10k memory figure is mostly fixed overhead and GC noise
 * scaled up (the 28 seed passages would read as hundreds of MiB per 10k).
 */
const MIN_PASSAGES_PER_10K = 1_000;

/** Index memory after open (heap + ArrayBuffers), MiB per 10,000 passages. */
function memoryPer10k(measure: CorpusMeasure): number {
  return ((measure.heapMiB + measure.arrayBuffersMiB) / measure.passages) * 10_000;
}

/** vectra p50 over our retrieval p50, both from this run; NaN without vectra. */
function speedup(report: CorpusReport): number {
  const vectra = vectraOf(report);
  return vectra === undefined
    ? Number.NaN
    : median(vectra.samples) / median(report.measure.retrieval);
}

function vectraP50(report: CorpusReport): number {
  return median(vectraOf(report)?.samples ?? []);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function corpusTable(reports: readonly CorpusReport[]): void {
  const row = (label: string, cell: (report: CorpusReport) => string) => [
    label,
    ...reports.map(cell),
  ];
  const vectraRow = (label: string, cell: (v: VectraMeasure, report: CorpusReport) => string) =>
    row(label, (report) => {
      const vectra = vectraOf(report);
      return vectra === undefined ? '—' : cell(vectra, report);
    });
  table(
    ['measure', ...reports.map((report) => report.label)],
    [
      row('articles / passages', ({ measure: m }) => `${count(m.articles)} / ${count(m.passages)}`),
      row(
        'questions (answered, rest declined)',
        ({ measure: m }) => `${m.questions} (${m.answered})`,
      ),
      row('index on disk, total', ({ bytes }) => mib(bytes.total / MiB)),
      row('… ours (manifest, articles, passages, vectors, lexical)', ({ bytes }) =>
        mib(bytes.ours / MiB),
      ),
      row("… vectra's (index.json + docs/)", ({ bytes }) => mib(bytes.vectra / MiB)),
      row('openIndex', ({ measure: m }) => ms(m.openMs)),
      row('createCoverage (service start-up after open)', ({ measure: m }) => ms(m.createMs)),
      row(
        'index in memory (heap + ArrayBuffers growth on open)',
        ({ measure: m }) =>
          `${mib(m.heapMiB + m.arrayBuffersMiB)} (${mib(m.heapMiB)} + ${mib(m.arrayBuffersMiB)})`,
      ),
      row('… per 10k passages', ({ measure: m }) =>
        m.passages < MIN_PASSAGES_PER_10K ? '— (too few passages)' : mib(memoryPer10k(m)),
      ),
      row('**full answer** (`coverage.ask`) p50 / p95', ({ measure: m }) => p50p95(m.full)),
      row('**our retrieval** (embed + `rankPassages`, top 10) p50 / p95', ({ measure: m }) =>
        p50p95(m.retrieval),
      ),
      row(
        'timed samples (questions × rounds)',
        ({ measure: m, rounds }) => `${m.full.length} (${m.questions} × ${rounds})`,
      ),
      row('peak RSS: model + openIndex', ({ measure: m }) => mib(m.peakRssAfterOpenMiB)),
      row('peak RSS: model + index + all questions', ({ measure: m }) => mib(m.peakRssOursMiB)),
      row('**vectra** `queryItems(…, isBm25=true)` (embed + query) p50 / p95', (report) =>
        'error' in report.vectra ? report.vectra.error : p50p95(report.vectra.samples),
      ),
      vectraRow(
        'vectra timed queries (cap; skipped by time budget)',
        (v, { vectraLimits }) =>
          `${v.samples.length} (≤ ${vectraLimits.maxQueries} in ${vectraLimits.budgetMs / 1000} s; ${v.skipped} skipped)`,
      ),
      vectraRow('vectra loading index.json (once, before its queries)', (v) => ms(v.loadMs)),
      row('**vectra ÷ our retrieval** (p50)', (report) => ratio(speedup(report))),
      vectraRow(
        'vectra hits per query: vector + BM25',
        (v) => `${v.vectorHitsMean.toFixed(1)} + ${v.bm25HitsMean.toFixed(1)}`,
      ),
      vectraRow(
        'vectra BM25 chunks equal to the passage text',
        (v) => `${v.bm25ChunksMatching} / ${v.bm25ChunksChecked}`,
      ),
      vectraRow("vectra's peak RSS (model + its index.json + its queries)", (v) =>
        mib(v.peakRssMiB),
      ),
    ],
  );
}

function growthWord(factor: number, scale: number): string {
  if (factor < 0.8 * scale) return 'sub-linear';
  if (factor <= 1.25 * scale) return 'about linear';
  return 'super-linear';
}

function growthTable(small: CorpusReport, large: CorpusReport): string {
  const scale = large.measure.passages / small.measure.passages;
  const lines: [string, number, number, (value: number) => string][] = [
    ['passages', small.measure.passages, large.measure.passages, count],
    ['index on disk, total', small.bytes.total / MiB, large.bytes.total / MiB, mib],
    ['index on disk, ours', small.bytes.ours / MiB, large.bytes.ours / MiB, mib],
    ['openIndex', small.measure.openMs, large.measure.openMs, ms],
    ['createCoverage', small.measure.createMs, large.measure.createMs, ms],
    [
      'index in memory',
      small.measure.heapMiB + small.measure.arrayBuffersMiB,
      large.measure.heapMiB + large.measure.arrayBuffersMiB,
      mib,
    ],
    ['peak RSS (ours)', small.measure.peakRssOursMiB, large.measure.peakRssOursMiB, mib],
    ['full answer p50', median(small.measure.full), median(large.measure.full), ms],
    ['our retrieval p50', median(small.measure.retrieval), median(large.measure.retrieval), ms],
    ['… embed p50', median(small.measure.embed), median(large.measure.embed), ms],
    ['… vector scan p50', median(small.measure.vectorScan), median(large.measure.vectorScan), ms],
    ['… BM25 p50', median(small.measure.lexicalSearch), median(large.measure.lexicalSearch), ms],
    ['vectra hybrid p50', vectraP50(small), vectraP50(large), ms],
  ];
  table(
    ['measure', small.label, large.label, 'growth'],
    lines.map(([label, a, b, format]) => [label, format(a), format(b), ratio(b / a)]),
  );
  const full = median(large.measure.full) / median(small.measure.full);
  const retrieval = median(large.measure.retrieval) / median(small.measure.retrieval);
  const bytes = large.bytes.total / small.bytes.total;
  return (
    `From ${small.label} to ${large.label} (${ratio(scale)} passages): full-answer p50 ` +
    `${ratio(full)} (${growthWord(full, scale)}), retrieval p50 ${ratio(retrieval)} ` +
    `(${growthWord(retrieval, scale)}), bytes on disk ${ratio(bytes)} (${growthWord(bytes, scale)}).`
  );
}

function verdicts(reports: readonly CorpusReport[]): string[] {
  const lines: string[] = [];
  const bbc = reports.find((report) => report.label === 'BBC');
  const large = reports.find((report) => report.label.startsWith('BBC×'));
  if (bbc !== undefined) {
    const full = median(bbc.measure.full);
    const retrieval = median(bbc.measure.retrieval);
    lines.push(
      `- p50 ≤ ${TARGET_P50_MS} ms on BBC: **${full <= TARGET_P50_MS ? 'met' : 'not met'}** — ` +
        `full answer p50 ${ms(full)} (retrieval alone ${ms(retrieval)}).`,
    );
  } else {
    lines.push(`- p50 ≤ ${TARGET_P50_MS} ms on BBC: not measured (corpus not found).`);
  }
  if (large !== undefined) {
    const factor = speedup(large);
    const vectra = vectraOf(large);
    lines.push(
      vectra === undefined
        ? `- ≥ ${TARGET_SPEEDUP}× faster than vectra's hybrid at ${large.label}: not measured ` +
            `— ${'error' in large.vectra ? large.vectra.error : ''}.`
        : `- ≥ ${TARGET_SPEEDUP}× faster than vectra's hybrid at ${large.label}: ` +
            `**${factor >= TARGET_SPEEDUP ? 'met' : 'not met'}** — vectra p50 ` +
            `${ms(vectraP50(large))} vs our retrieval ` +
            `${ms(median(large.measure.retrieval))} = ${ratio(factor)} ` +
            `(${vectra.samples.length} vectra ${vectra.samples.length === 1 ? 'query' : 'queries'}).`,
    );
  }
  const memory = reports
    .filter((report) => report.measure.passages >= MIN_PASSAGES_PER_10K)
    .map(
      (report) =>
        `${report.label} ${mib(memoryPer10k(report.measure))} ` +
        `(peak RSS ${mib(report.measure.peakRssOursMiB)} for ${count(report.measure.passages)} passages, model included)`,
    )
    .join('; ');
  lines.push(`- memory per 10k passages (index in memory after open): **reported** — ${memory}.`);
  return lines;
}

/** Prints every table and the verdicts. */
export function printReport(reports: readonly CorpusReport[]): void {
  console.log(
    'Bundled model; times are warm (every question asked once before timing); ' +
      'p50 = median and p95 = nearest rank over all timed samples. Each corpus is measured ' +
      'in two fresh processes (ours, then vectra), so every peak RSS is its own; ratios ' +
      'compare figures of this one run.\n',
  );
  corpusTable(reports);
  const bbc = reports.find((report) => report.label === 'BBC');
  const large = reports.find((report) => report.label.startsWith('BBC×'));
  if (bbc !== undefined && large !== undefined) {
    console.log('\n### Growth\n');
    const summary = growthTable(bbc, large);
    console.log(`\n${summary}`);
  }
  console.log('\n### Verdict\n');
  for (const line of verdicts(reports)) console.log(line);
}

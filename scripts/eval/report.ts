/**
 * The evaluation summary: one JSON-able object (for `--json`, so two runs can be diffed) and
 * its rendering as Markdown tables.
 */
import {
  breakDown,
  summariseAnswerable,
  summariseOffTopic,
  type AnswerableSummary,
  type ByHalfAndStyle,
  type OffTopicSummary,
} from './metrics.js';
import type { AnswerableResult, OffTopicResult } from './evaluate.js';

export interface SetSummary {
  /** Answerable questions: `[half][style]`, `all` for every half and every style. */
  readonly answerable: ByHalfAndStyle<AnswerableSummary>;
  /** Off-topic questions (absent for the headline set). */
  readonly offTopic?: ByHalfAndStyle<OffTopicSummary>;
  /** Median milliseconds per question (full answer). */
  readonly p50ms: number;
  /** With --verbose: every answerable question not answered right at rank 1, every off-topic question answered. */
  readonly failures?: readonly (AnswerableResult | OffTopicResult)[];
}

export interface EvalSummary {
  readonly model: { readonly id: string; readonly dimensions: number };
  readonly halves: readonly string[];
  readonly sets: Readonly<Record<string, SetSummary>>;
  /** Sets that could not run, and why (e.g. the BBC corpus is absent). */
  readonly skipped: Readonly<Record<string, string>>;
  readonly seconds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (value: number, places = 3) => Number(value.toFixed(places));

export function summariseSet(
  answerable: readonly AnswerableResult[],
  offTopic: readonly OffTopicResult[] | undefined,
  verbose: boolean,
): SetSummary {
  const roundA = (s: AnswerableSummary): AnswerableSummary => ({
    n: s.n,
    hit1: round(s.hit1),
    hit3: round(s.hit3),
    hit5: round(s.hit5),
    mrr: round(s.mrr),
    falseDeclines: round(s.falseDeclines),
  });
  const all = [...answerable, ...(offTopic ?? [])];
  return {
    answerable: breakDown(answerable, (g) => roundA(summariseAnswerable(g))),
    ...(offTopic === undefined
      ? {}
      : {
          offTopic: breakDown(offTopic, (g) => {
            const s = summariseOffTopic(g);
            return { n: s.n, declined: round(s.declined) };
          }),
        }),
    p50ms: round(median(all.map((r) => r.ms)), 1),
    ...(verbose
      ? {
          failures: [
            ...answerable.filter((r) => r.rank !== 1),
            ...(offTopic ?? []).filter((r) => r.answered),
          ],
        }
      : {}),
  };
}

/** A share as a percentage with one decimal, as every evaluation table prints it. */
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const HALF_NAMES: Readonly<Record<string, string>> = {
  tune: 'tune',
  test: 'held-out',
  all: 'all',
};

/** Markdown tables of one set: answerable by style and half, then off-topic. */
export function formatSet(
  title: string,
  set: SetSummary,
  labels: { mrr: string } = { mrr: 'MRR' },
): string {
  const lines = [`## ${title}`, ''];
  const halves = Object.keys(set.answerable);
  const styles = [...new Set(halves.flatMap((h) => Object.keys(set.answerable[h]!)))];
  lines.push(
    `| style | half | n | hit@1 | hit@3 | hit@5 | ${labels.mrr} | false declines |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const style of styles) {
    for (const half of halves) {
      const s = set.answerable[half]![style];
      if (s === undefined) continue;
      const cells = [
        style === 'all' ? '**all**' : style,
        HALF_NAMES[half] ?? half,
        String(s.n),
        pct(s.hit1),
        pct(s.hit3),
        pct(s.hit5),
        s.mrr.toFixed(3),
        pct(s.falseDeclines),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (set.offTopic !== undefined) {
    lines.push('', '| off-topic style | half | n | declined |', '| --- | --- | --- | --- |');
    const offHalves = Object.keys(set.offTopic);
    const offStyles = [...new Set(offHalves.flatMap((h) => Object.keys(set.offTopic![h]!)))];
    for (const style of offStyles) {
      for (const half of offHalves) {
        const s = set.offTopic[half]![style];
        if (s === undefined) continue;
        const name = style === 'all' ? '**all**' : style;
        lines.push(`| ${name} | ${HALF_NAMES[half] ?? half} | ${s.n} | ${pct(s.declined)} |`);
      }
    }
  }
  lines.push('', `Median answer time: ${set.p50ms.toFixed(1)} ms per question.`);
  if (set.failures !== undefined) {
    lines.push('', `Failures (${set.failures.length}):`);
    for (const f of set.failures) lines.push(formatFailure(f));
  }
  return lines.join('\n');
}

function formatFailure(f: AnswerableResult | OffTopicResult): string {
  const head =
    'rank' in f
      ? `- [${f.style}/${f.half}] ${f.answered ? (f.rank === 0 ? 'missed' : `rank ${f.rank}`) : 'DECLINED'}: ${f.question}\n    expected ${f.expected}`
      : `- [off-topic ${f.style}/${f.half}] ANSWERED: ${f.question}`;
  const first =
    f.first === undefined
      ? ''
      : `\n    first: ${f.first.source}: ${f.first.quote.replace(/\s+/g, ' ').slice(0, 160)}`;
  const evidence =
    f.evidence === undefined ? '' : `\n    gate evidence: ${formatEvidence(f.evidence)}`;
  const confidence = f.confidence === undefined ? '' : ` (confidence: ${f.confidence})`;
  return head + confidence + first + evidence;
}

function formatEvidence(evidence: unknown): string {
  return JSON.stringify(evidence, (_key, value: unknown) =>
    typeof value === 'number' ? round(value) : value,
  );
}

import type { SourceRef } from '../retrieve/answer-types.js';
import { coverageAsOf } from '../retrieve/source-order.js';
import { terminalSafe } from '../terminal-text.js';

/** "coverage as of 2025-08-24", or undefined when no article states a date. */
export function coverageAsOfText(asOf: string | undefined): string | undefined {
  return asOf === undefined ? undefined : `coverage as of ${asOf}`;
}

/** "6 articles · coverage as of 2031-05-04" (without the date part when nothing is dated). */
export function sourcesSummary(sources: readonly SourceRef[]): string {
  const count = `${sources.length} article${sources.length === 1 ? '' : 's'}`;
  const asOf = coverageAsOfText(coverageAsOf(sources));
  return asOf === undefined ? count : `${count} · ${asOf}`;
}

const UNDATED = '—';
const DATE_WIDTH = 10;

/**
 * `ask --sources` in a terminal: the summary line, then one line per article in the order
 * given (newest first from `Coverage.sources()`): date, outlet — title, and the id that
 * `--source` accepts.
 */
export function formatSourcesText(sources: readonly SourceRef[]): string {
  const lines = sources.map((source) => {
    const date = (source.published?.slice(0, DATE_WIDTH) ?? UNDATED).padEnd(DATE_WIDTH);
    const name = source.outlet === undefined ? source.title : `${source.outlet} — ${source.title}`;
    return terminalSafe(`${date}  ${name}  [${source.id}]`);
  });
  return `${[sourcesSummary(sources), ...lines].join('\n')}\n`;
}

import type { SourceRef } from './answer-types.js';

/**
 * Milliseconds of a stated date, for ordering. Ingest keeps only ISO dates (YYYY-MM-DD or a
 * date-time), which `Date.parse` reads; a date-only value counts as its day's start (UTC).
 */
function timeOf(source: SourceRef): number | undefined {
  if (source.published === undefined) return undefined;
  const time = Date.parse(source.published);
  return Number.isNaN(time) ? undefined : time;
}

/** Newest first, undated last, then by title: the order of `Coverage.sources()`. */
export function newestFirst(sources: readonly SourceRef[]): SourceRef[] {
  return sources
    .map((source) => ({ source, time: timeOf(source) }))
    .sort(
      (a, b) =>
        (b.time ?? -Infinity) - (a.time ?? -Infinity) ||
        a.source.title.localeCompare(b.source.title),
    )
    .map(({ source }) => source);
}

/**
 * The date (YYYY-MM-DD, as the article states it) of the newest dated article: how current the
 * coverage is. Undefined when no article states a date.
 */
export function coverageAsOf(sources: readonly SourceRef[]): string | undefined {
  let newest: SourceRef | undefined;
  let newestTime = -Infinity;
  for (const source of sources) {
    const time = timeOf(source);
    if (time !== undefined && time > newestTime) {
      newest = source;
      newestTime = time;
    }
  }
  return newest?.published?.slice(0, 10);
}

import { ButtonStyle } from 'discord.js';
import { coverageAsOfText } from '../present/sources-text.js';
import type { SourceRef } from '../retrieve/answer-types.js';
import { coverageAsOf } from '../retrieve/source-order.js';
import type { ReplyView } from './answer-embeds.js';
import { sourceLine } from './answer-embeds.js';
import { truncate } from './limits.js';
import { pagerRow } from './pager-row.js';

/** Articles per `/sources` page: 10 lines of at most 390 characters stay under 4,096. */
export const SOURCES_PER_PAGE = 10;
const MAX_LINE = 390;

/** customId of a `/sources` page button. */
export function sourcesButtonId(page: number): string {
  return `sources:${page}`;
}

/** The page of a `/sources` button's customId, or undefined for other buttons. */
export function parseSourcesButtonId(customId: string): number | undefined {
  const match = /^sources:(\d+)$/.exec(customId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * One page of the article list, in the order given (`Coverage.sources()`: newest first):
 * outlet, title, date and link of each article; the total in the title, the newest date in
 * the footer.
 */
export function buildSourcesView(sources: readonly SourceRef[], requestedPage: number): ReplyView {
  const pageCount = Math.max(1, Math.ceil(sources.length / SOURCES_PER_PAGE));
  const page = Math.min(pageCount - 1, Math.max(0, Math.floor(requestedPage)));
  const shown = sources.slice(page * SOURCES_PER_PAGE, (page + 1) * SOURCES_PER_PAGE);
  const description =
    shown.length === 0
      ? 'No articles yet. Add some to the data folder and run `npm run ingest`.'
      : shown
          .map((source) => truncate(sourceLine(source).replace(/^— /, '• '), MAX_LINE))
          .join('\n');
  return {
    content: '',
    embeds: [
      {
        title: `Articles in the coverage (${sources.length})`,
        description,
        footer: {
          text: [`Page ${page + 1}/${pageCount}`, coverageAsOfText(coverageAsOf(sources))]
            .filter((part) => part !== undefined)
            .join(' · '),
        },
      },
    ],
    components: pagerRow(page, pageCount, sourcesButtonId, {
      nextLabel: 'Next ▶',
      nextStyle: ButtonStyle.Secondary,
    }),
  };
}

import { LOW_CONFIDENCE } from '../present/answer-text.js';
import { ButtonStyle } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { coverageAsOfText } from '../present/sources-text.js';
import type { Answer, AnswerResult, SourceRef } from '../retrieve/answer-types.js';
import { DISCORD_LIMITS, embedLength, truncate } from './limits.js';
import { pagerRow } from './pager-row.js';
import { renderQuote, safeInline } from './safety.js';
import type { QuoteSegment } from './safety.js';

/** A message body ready for `reply`/`editReply`/`update` (allowedMentions is added by respond.ts). */
export interface ReplyView {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
}

/** How to show one page of an answer. */
export interface AnswerPageOptions {
  /** 0-based page. */
  readonly page: number;
  /** Results per page (the `count` the user asked for). */
  readonly pageSize: number;
  /** Milliseconds the answer took, shown in the footer. */
  readonly elapsedMs: number;
  /** customId of the button that shows `page`; without it, no paging buttons are shown. */
  readonly pageButtonId?: (page: number) => string;
  /** Date of the newest article (`coverageAsOf`), shown as "coverage as of …" when known. */
  readonly coverageAsOf?: string | undefined;
}

const ANSWER_COLOUR = 0x2b6cb0;
const NO_ANSWER_COLOUR = 0x718096;
/** Room kept for the footer when sharing the 6,000-character total between embeds. */
const FOOTER_RESERVE = 120;
const MAX_TITLE = 200;
const MAX_OUTLET = 80;
const MAX_URL = 512;
const MAX_ALSO = 400;

/**
 * Turns an answer into one page of Discord embeds: one embed per result, each quoting its
 * excerpt (best sentence in bold), its source line and "Also reported by"; a footer with the
 * result count, page, time and how current the coverage is; "Previous"/"More" buttons when there are further results.
 * Every Discord limit is enforced here, whatever the length of the question or articles.
 */
export function buildAnswerView(answer: Answer, options: AnswerPageOptions): ReplyView {
  const lowNote = answer.answered && answer.confidence === 'low' ? `\n*${LOW_CONFIDENCE}*` : '';
  const content = truncate(
    `**Question:** ${safeInline(answer.question)}${lowNote}`,
    DISCORD_LIMITS.content,
  );
  const seconds = formatElapsed(options.elapsedMs);
  const asOf = coverageAsOfText(options.coverageAsOf);
  if (!answer.answered || answer.results.length === 0) {
    return {
      content,
      embeds: [
        {
          color: NO_ANSWER_COLOUR,
          description:
            "**The coverage doesn't say.**\nNone of the articles answers this question. " +
            'Try other words, or see what is covered with `/sources`.',
          footer: {
            text: truncate(
              ['0 results', seconds, asOf].filter((part) => part !== undefined).join(' · '),
              FOOTER_RESERVE,
            ),
          },
        },
      ],
      components: [],
    };
  }

  const pageSize = clamp(Math.floor(options.pageSize), 1, DISCORD_LIMITS.embeds);
  const pageCount = Math.ceil(answer.results.length / pageSize);
  const page = clamp(Math.floor(options.page), 0, pageCount - 1);
  const first = page * pageSize;
  const shown = answer.results.slice(first, first + pageSize);

  const footerText = truncate(
    [
      `${answer.results.length} result${answer.results.length === 1 ? '' : 's'}`,
      pageCount > 1 ? `page ${page + 1}/${pageCount}` : undefined,
      seconds,
      asOf,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
    FOOTER_RESERVE,
  );
  const perEmbed = Math.min(
    DISCORD_LIMITS.embedDescription,
    Math.floor((DISCORD_LIMITS.embedsTotal - FOOTER_RESERVE) / shown.length),
  );
  const embeds: APIEmbed[] = shown.map((result) => ({
    color: ANSWER_COLOUR,
    description: describeResult(result, perEmbed),
  }));
  const last = embeds[embeds.length - 1];
  if (last) last.footer = { text: footerText };

  return {
    content,
    embeds: enforceTotal(embeds),
    components: pageButtons(page, pageCount, options),
  };
}

/** Excerpt quote, source line and "Also reported by", fitted into `budget` characters. */
function describeResult(result: AnswerResult, budget: number): string {
  const tail = [sourceLine(result.source), alsoReportedLine(result.alsoReportedBy)]
    .filter((line) => line !== '')
    .join('\n');
  const quoteBudget = budget - tail.length - 1;
  const quote = fitQuote(result.text, result.highlight, quoteBudget);
  return truncate(quote === '' ? tail : `${quote}\n${tail}`, budget);
}

/**
 * The longest prefix of the excerpt whose rendered quote fits `budget`. Escaping and the
 * "> " prefixes make the rendered length depend on the content, so search on the raw length.
 */
function fitQuote(text: string, highlight: string | undefined, budget: number): string {
  if (budget <= 0) return '';
  const full = renderExcerpt(text, highlight, text.length);
  if (full.length <= budget) return full;
  let low = 0;
  let high = text.length;
  let best = '';
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const rendered = renderExcerpt(text, highlight, middle);
    if (rendered.length <= budget) {
      best = rendered;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}

function renderExcerpt(text: string, highlight: string | undefined, maxRaw: number): string {
  const cut = truncate(text, maxRaw);
  // `truncate` keeps a prefix of `text`; the ellipsis it adds is never part of the bold run.
  const keptLength = cut === text ? text.length : cut.length - 1;
  const start = highlight === undefined || highlight === '' ? -1 : text.indexOf(highlight);
  if (start < 0 || start >= keptLength) return renderQuote([{ text: cut, bold: false }]);
  const end = Math.min(start + (highlight?.length ?? 0), keptLength);
  const segments: QuoteSegment[] = [
    { text: cut.slice(0, start), bold: false },
    { text: cut.slice(start, end), bold: true },
    { text: cut.slice(end), bold: false },
  ];
  return renderQuote(segments);
}

/** "— **Outlet** · Title · 2025-08-24 · [link](url)", each part only when the article states it. */
export function sourceLine(source: SourceRef): string {
  const parts: string[] = [];
  if (source.outlet !== undefined && source.outlet.trim() !== '') {
    parts.push(`**${safeInline(truncate(source.outlet, MAX_OUTLET))}**`);
  }
  parts.push(safeInline(truncate(source.title, MAX_TITLE)));
  const date = formatDate(source.published);
  if (date !== undefined) parts.push(date);
  const url = safeUrl(source.url);
  if (url !== undefined) parts.push(`[link](${url})`);
  return `— ${parts.join(' · ')}`;
}

function alsoReportedLine(others: readonly SourceRef[]): string {
  if (others.length === 0) return '';
  const names = [...new Set(others.map((other) => other.outlet ?? other.title))];
  return `Also reported by: ${safeInline(truncate(names.join(', '), MAX_ALSO))}`;
}

/** The date part of an ISO date or date-time; anything else is shown as stated, if short. */
function formatDate(published: string | undefined): string | undefined {
  if (published === undefined) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(published);
  if (match) return match[0];
  return published.trim() === '' ? undefined : safeInline(truncate(published, 40));
}

/**
 * An http(s) URL safe inside a markdown link, or undefined. Parentheses and spaces are
 * percent-encoded so the link cannot end early; anything else is not linked at all.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: the article's link is shown nowhere rather than shown broken.
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const href = parsed.href
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/[<>\s]/g, encodeURIComponent);
  return href.length <= MAX_URL ? href : undefined;
}

function pageButtons(
  page: number,
  pageCount: number,
  options: AnswerPageOptions,
): APIActionRowComponent<APIButtonComponent>[] {
  if (options.pageButtonId === undefined) return [];
  return pagerRow(page, pageCount, options.pageButtonId, {
    nextLabel: 'More ▶',
    nextStyle: ButtonStyle.Primary,
  });
}

/** Safety net: should the shares ever add up past 6,000 characters, trim descriptions. */
function enforceTotal(embeds: APIEmbed[]): APIEmbed[] {
  let excess =
    embeds.reduce((sum, embed) => sum + embedLength(embed), 0) - DISCORD_LIMITS.embedsTotal;
  for (let index = embeds.length - 1; index >= 0 && excess > 0; index -= 1) {
    const embed = embeds[index];
    if (embed?.description === undefined) continue;
    const shorter = truncate(embed.description, Math.max(0, embed.description.length - excess));
    excess -= embed.description.length - shorter.length;
    embed.description = shorter;
  }
  return embeds.slice(0, DISCORD_LIMITS.embeds);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}

/** "42 ms" below a second (most answers), "1.3 s" above. */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

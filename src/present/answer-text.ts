import type { Answer, SourceRef } from '../retrieve/answer-types.js';
import { terminalSafe } from '../terminal-text.js';
import { coverageAsOfText } from './sources-text.js';

/** What the coverage says when it does not answer. */
export const NO_ANSWER = "The coverage doesn't say.";

/** What precedes an answer the gate is not sure of (`confidence: "low"`). */
export const LOW_CONFIDENCE = "The coverage doesn't answer this directly; the closest it comes:";

export interface TextStyle {
  /** Emphasis for the best sentence (ANSI bold on a terminal, nothing in a pipe). */
  readonly strong: (text: string) => string;
  readonly dim: (text: string) => string;
}

export const PLAIN: TextStyle = { strong: (t) => t, dim: (t) => t };
export const ANSI: TextStyle = {
  strong: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
};

/** "Outlet — Title, 2025-08-24" with only the parts the article states, safe to print. */
export function describeSource(source: SourceRef): string {
  const name = source.outlet === undefined ? source.title : `${source.outlet} — ${source.title}`;
  return terminalSafe(source.published === undefined ? name : `${name}, ${source.published}`);
}

/** What the terminal answer says about the coverage besides the answer itself. */
export interface AnswerTextContext {
  /** Date of the newest article (`coverageAsOf`); shown as "coverage as of …" when known. */
  readonly coverageAsOf?: string | undefined;
}

/**
 * A readable terminal answer: each quote as an indented block under its source, then who else
 * reported it. Everything taken from the articles (or the question) is passed through
 * `terminalSafe`, so only this function's own styling reaches the terminal as escapes. Last,
 * how current the coverage is, when the articles state dates.
 */
export function formatAnswerText(
  answer: Answer,
  style: TextStyle = PLAIN,
  context: AnswerTextContext = {},
): string {
  const asOf = coverageAsOfText(context.coverageAsOf);
  // After the quotes, a blank line sets it apart; after the one-line "doesn't say", none.
  const footer =
    asOf === undefined ? '' : `${answer.answered ? '\n' : ''}${style.dim(`(${asOf})`)}\n`;
  return formatAnswerBody(answer, style) + footer;
}

function formatAnswerBody(answer: Answer, style: TextStyle): string {
  if (!answer.answered)
    return `${NO_ANSWER} Nothing in the articles answers: ${terminalSafe(answer.question)}\n`;
  const blocks = answer.results.map((result, i) => {
    const highlight = result.highlight === undefined ? undefined : terminalSafe(result.highlight);
    const quote = emphasise(terminalSafe(result.text), highlight, style.strong)
      .split(/\n+/u)
      .map((line) => `   │ ${line}`);
    const lines = [`${i + 1}. ${describeSource(result.source)}`, ...quote];
    if (result.source.url !== undefined) {
      lines.push(`   ${style.dim(terminalSafe(result.source.url))}`);
    }
    if (result.alsoReportedBy.length > 0) {
      lines.push(`   Also reported by: ${result.alsoReportedBy.map(describeSource).join('; ')}`);
    }
    return lines.join('\n');
  });
  const lead = answer.confidence === 'low' ? `${LOW_CONFIDENCE}\n\n` : '';
  return `${lead}${blocks.join('\n\n')}\n`;
}

function emphasise(text: string, highlight: string | undefined, strong: (t: string) => string) {
  if (highlight === undefined || highlight === '') return text;
  const at = text.indexOf(highlight);
  if (at < 0) return text;
  return text.slice(0, at) + strong(highlight) + text.slice(at + highlight.length);
}

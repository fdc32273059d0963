import { MAX_QUESTION_CHARS } from '../app/coverage.js';
import { checkQuestion as checkAppQuestion } from '../app/question.js';
import { coverageAsOf } from '../retrieve/source-order.js';
import { buildAnswerView } from './answer-embeds.js';
import type { ReplyView } from './answer-embeds.js';
import { pageButtonId } from './answer-pages.js';
import type { BotContext } from './command.js';

/** Longest question accepted (the same limit as every other entry point). */
export const MAX_QUESTION_LENGTH = MAX_QUESTION_CHARS;
/** Pages of results fetched with the first question, so that "More" needs no new search. */
export const PAGES_FETCHED = 3;

/** The question to ask, or the message that tells the user what to fix. */
export type QuestionCheck =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly message: string };

/** `checkQuestion` of the app, with messages that show Discord users what to do. */
export function checkQuestion(raw: string): QuestionCheck {
  const check = checkAppQuestion(raw);
  if (check.ok) return check;
  if (check.problem === 'empty') {
    return {
      ok: false,
      message: 'Please type a question, e.g. `/ask question: What did Vance say about Russia?`',
    };
  }
  return {
    ok: false,
    message: `That question is ${check.length} characters long; the limit is ${MAX_QUESTION_LENGTH}. Please ask something shorter.`,
  };
}

/** "Wait N s" text for a cooldown. */
export function cooldownNotice(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Easy there — you can ask again in ${seconds} s.`;
}

/** One question to answer. */
export interface QuestionRequest {
  readonly question: string;
  /** Results per page. */
  readonly count: number;
  /** Article id or outlet name to restrict to. */
  readonly source?: string;
  /** Who asked: only they may page through the answer. */
  readonly askerId: string;
  /** Key under which the answer is kept for paging (the interaction or message id). */
  readonly key: string;
  /** When the question arrived (`context.now()`), so the footer includes waiting time. */
  readonly receivedAt: number;
}

/**
 * Answers a question through the bounded queue, keeps the answer for paging, and returns
 * the first page. Shared by `/ask` and channel questions so both answer the same way.
 */
export async function answerQuestion(
  context: BotContext,
  request: QuestionRequest,
): Promise<ReplyView> {
  const answer = await context.queue.run(() =>
    context.coverage.ask(request.question, {
      top: request.count * PAGES_FETCHED,
      ...(request.source === undefined ? {} : { source: request.source }),
    }),
  );
  const elapsedMs = context.now() - request.receivedAt;
  const asOf = coverageAsOf(context.coverage.sources());
  context.pages.put(request.key, {
    answer,
    askerId: request.askerId,
    pageSize: request.count,
    elapsedMs,
    coverageAsOf: asOf,
  });
  return buildAnswerView(answer, {
    page: 0,
    pageSize: request.count,
    elapsedMs,
    coverageAsOf: asOf,
    pageButtonId: (page) => pageButtonId(request.key, page),
  });
}

import { MAX_QUESTION_CHARS } from './coverage.js';

/**
 * The one check of a question, for every entry point (CLI, Discord, the coverage itself):
 * white space collapsed and trimmed, then rejected when empty or longer than
 * `MAX_QUESTION_CHARS`. Adapters phrase the problem for their users (Discord shows how to
 * use `/ask`); the coverage throws `questionProblem`'s plain wording.
 */
export type QuestionCheck =
  | { readonly ok: true; readonly question: string }
  | { readonly ok: false; readonly problem: 'empty' }
  | { readonly ok: false; readonly problem: 'too-long'; readonly length: number };

/**
 * Something a reader can see: not white space, a control character or an invisible format
 * character (zero-width space, bidi control). A question of those alone is empty once
 * answering removes them (normalizeQuestion), and was answered "the coverage doesn't say".
 */
const VISIBLE = /[^\s\p{Cc}\p{Cf}]/u;

export function checkQuestion(raw: string): QuestionCheck {
  const question = raw.replace(/\s+/gu, ' ').trim();
  if (!VISIBLE.test(question)) return { ok: false, problem: 'empty' };
  if (question.length > MAX_QUESTION_CHARS) {
    return { ok: false, problem: 'too-long', length: question.length };
  }
  return { ok: true, question };
}

/** The plain message for a rejected question (CLI, JSON error lines). */
export function questionProblem(check: Exclude<QuestionCheck, { ok: true }>): string {
  return check.problem === 'empty'
    ? 'The question is empty: ask about the coverage.'
    : `The question is ${check.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`;
}

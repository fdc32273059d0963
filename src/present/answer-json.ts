import { sourceOf } from '../retrieve/answer-question.js';
import type { Answer, SourceRef } from '../retrieve/answer-types.js';

/**
 * Results per question in JSON when the caller does not say (`ask --json` without `--top`): a
 * script picks from more than a reader wants on screen (the pool's evidence floor still keeps
 * out padding). `npm run eval` reports hit@5 at this depth.
 */
export const JSON_TOP = 5;

/**
 * The `--json` shape of an answer. It is a contract that scripts rely on: fields may be added,
 * never renamed or removed. Optional source fields are omitted, never null or invented.
 */
export interface AnswerJson {
  question: string;
  answered: boolean;
  /**
   * With `answered: true`: `high` when the coverage clearly answers, `low` when the results
   * are only the closest it comes. Absent when not answered.
   */
  confidence?: 'high' | 'low';
  results: {
    text: string;
    highlight?: string;
    score: number;
    source: SourceJson;
    alsoReportedBy: SourceJson[];
  }[];
  /** Present only when the question itself was rejected (empty, too long, unknown source). */
  error?: string;
}

export interface SourceJson {
  id: string;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
}

export function toAnswerJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    answered: answer.answered,
    ...(answer.confidence === undefined ? {} : { confidence: answer.confidence }),
    results: answer.results.map((result) => ({
      text: result.text,
      ...(result.highlight === undefined ? {} : { highlight: result.highlight }),
      score: result.score,
      source: toSourceJson(result.source),
      alsoReportedBy: result.alsoReportedBy.map(toSourceJson),
    })),
  };
}

function toSourceJson(source: SourceRef): SourceJson {
  return { ...sourceOf(source) };
}

/**
 * `value` as JSON on one line, for stdout. JSON.stringify leaves U+2028 / U+2029 and the C1
 * controls (U+0085 "next line" among them) as they are: valid JSON, but line readers such as
 * Python's `splitlines()` break a line there, and `--batch` promises one line per answer. They
 * are written as escapes, which every JSON reader reads back as the same characters.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\u009f\u2028\u2029]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

import { describe, expect, it } from 'vitest';
import { completeAnswer, type Incomplete } from '../../src/retrieve/answer-completion.js';
import type { AnswerType } from '../../src/retrieve/answer-type.js';
import { cutExcerpt, verbatimPieces, type Excerpt } from '../../src/retrieve/excerpt.js';
import type { Span } from '../../src/ingest/passage.js';

const SENTENCES = [
  'A network of computer centres is helping poor farmers in Peru.',
  'The scheme in the Huaral Valley offers prices and trends.',
  'Farmers also take lessons on the new information.',
  'Cepes led the $200,000 project, backed by local institutions.',
  'The board aims to make the network pay for itself.',
];

function article(sentences: readonly string[]) {
  let text = '';
  const spans: Span[] = [];
  for (const sentence of sentences) {
    if (text !== '') text += '\n\n';
    spans.push([text.length, text.length + sentence.length]);
    text += sentence;
  }
  return { text, spans };
}

/** Share of the question's words a sentence holds (a stand-in for IDF-weighted coverage). */
const coverageFor = (question: string) => (sentence: string) => {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.filter((w) => sentence.toLowerCase().includes(w)).length / words.length;
};

/** A quote of `excerpt` that no other result shows any of the article beside. */
function quoteOf(
  { text, spans }: { text: string; spans: readonly Span[] },
  excerpt: Excerpt,
  wanted: AnswerType,
  question: string,
): Incomplete {
  return {
    articleText: text,
    sentences: spans,
    excerpt,
    taken: [[excerpt.start, excerpt.end]],
    wanted,
    question,
    coverage: coverageFor(question),
  };
}

describe('completeAnswer', () => {
  const { text, spans } = article(SENTENCES);
  const question = 'How much did the network for farmers in Peru cost?';
  const excerpt = cutExcerpt(text, spans.slice(0, 2), 0, 600);
  const quote = quoteOf({ text, spans }, excerpt, 'money', question);

  it('GIVEN a quote without the sum asked for THEN the sentence with it is added, verbatim, after an ellipsis', () => {
    const completed = completeAnswer(quote, { maxChars: 300 });
    expect(completed.text).toBe(
      `${SENTENCES[0]}\n\n${SENTENCES[1]} … Cepes led the $200,000 project, backed by local institutions.…`,
    );
    expect(completed.highlight).toBe(SENTENCES[3]);
    expect(completed.added).toEqual(spans[3]);
    for (const piece of verbatimPieces(completed.text)) expect(text).toContain(piece);
  });

  it('GIVEN a quote that already holds the kind of answer THEN it is left as it is', () => {
    const holding = cutExcerpt(text, spans.slice(3), 0, 600);
    expect(completeAnswer({ ...quote, excerpt: holding }, { maxChars: 300 })).toBe(holding);
  });

  it('GIVEN the only such sentence is shown by another result or too long THEN nothing is added', () => {
    expect(
      completeAnswer({ ...quote, taken: [...quote.taken, spans[3]!] }, { maxChars: 300 }),
    ).toBe(excerpt);
    expect(completeAnswer(quote, { maxChars: 40 })).toBe(excerpt);
  });

  it('GIVEN the sentence comes before the quote THEN it comes first, and a later quote keeps its ellipses', () => {
    const later = cutExcerpt(text, spans.slice(4), 0, 600);
    const completed = completeAnswer(
      { ...quote, excerpt: later, taken: [[later.start, later.end]] },
      { maxChars: 300 },
    );
    expect(completed.text).toBe(`…${SENTENCES[3]} … ${SENTENCES[4]}`);
  });
});

describe('a live blog', () => {
  const { text, spans } = article([
    'The bypass was closed on Saturday after a lorry shed its load.',
    '15:48',
    'Road reopens',
    'Both carriageways of the bypass have now reopened.',
    '13:05',
    'Buses are being diverted through the village.',
  ]);

  it('GIVEN an entry with its own time stamped above it THEN the quote never runs on into the next entry or its time', () => {
    const excerpt = cutExcerpt(text, spans.slice(3), 0, 600);
    expect(excerpt.text).toBe('Both carriageways of the bypass have now reopened.');
    const stamped = cutExcerpt(text, spans.slice(4), 1, 600);
    expect(stamped.text).toBe('13:05\n\nBuses are being diverted through the village.');
  });

  it('GIVEN "when" and a quote of an entry THEN the time stamped above it is added, not a dated sentence elsewhere', () => {
    const question = 'When did the bypass reopen?';
    const excerpt = cutExcerpt(text, spans.slice(3), 0, 600);
    const completed = completeAnswer(quoteOf({ text, spans }, excerpt, 'time', question), {
      maxChars: 300,
    });
    expect(completed.text).toBe('…15:48 … Both carriageways of the bypass have now reopened.');
    expect(completed.highlight).toBe('15:48');
  });
});

describe('completeAnswer: "which band"', () => {
  const { text, spans } = article([
    "Senegalese musician Youssou N'Dour has been named a winner of a BBC Radio 3 World Music Award.",
    'Winners were chosen from ten categories to reflect different continents.',
    'The concert will be broadcast on Radio 3 the following evening.',
    'Winner in the Africa category was Malian desert blues band Tinariwen, formed in the Sahara.',
  ]);
  const question = 'Which desert blues band from Mali won the Africa category?';
  const excerpt = cutExcerpt(text, spans.slice(0, 2), 0, 600);

  it('GIVEN a quote that names someone, but not the band asked for THEN the sentence naming it is added', () => {
    const completed = completeAnswer(quoteOf({ text, spans }, excerpt, 'person', question), {
      maxChars: 300,
    });
    expect(completed.highlight).toContain('desert blues band Tinariwen');
  });
});

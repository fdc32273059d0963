/**
 * A hand-written Coverage over real `Answer` shapes: quotes from the seed articles, so the
 * Discord layer is tested without loading a model. Behaviour can be swapped per test.
 */
import type { AskOptions, Coverage, CoverageInfo } from '../../src/app/coverage.js';
import type { Answer, SourceRef } from '../../src/retrieve/answer-types.js';

export const COW: SourceRef = {
  id: '002_b45d3f6e0e8fc8f3',
  title:
    'Vice President J.D. Vance revealed that Russia has shown rare signs of flexibility in talks to end the war in Ukraine',
  outlet: 'The COW News Digital',
};
export const REAL_NEWS_NOW: SourceRef = {
  id: '004_a514caadb58b602a',
  title:
    'JD Vance Makes ‘Significant Progress’ In Europe Ahead Of Trump’s Meeting With Putin In Alaska',
  outlet: 'Real News Now',
  published: '2025-08-24',
  url: 'https://example.com/news/vance_(europe)',
};
export const SHIFTING: SourceRef = {
  id: '001_959470f9ed73d3c9',
  title: 'Vance Drops Hint on Shifting Russia Talks',
};

/** The seed answer to "What did Russia concede?". */
export function seedAnswer(question: string, top = 3): Answer {
  const results = [
    {
      text: '“Russia has acknowledged the importance of preserving Ukraine’s territorial integrity,” Vance said. “They also conceded that establishing a puppet regime in Kyiv is no longer a viable goal.”',
      highlight:
        '“They also conceded that establishing a puppet regime in Kyiv is no longer a viable goal.”',
      score: 0.91,
      source: COW,
      alsoReportedBy: [SHIFTING, REAL_NEWS_NOW],
    },
    {
      text: 'Vance also confirmed that Russia accepted the principle of providing security guarantees to Ukraine, a long-standing demand from Kyiv and its Western allies.',
      highlight:
        'Vance also confirmed that Russia accepted the principle of providing security guarantees to Ukraine, a long-standing demand from Kyiv and its Western allies.',
      score: 0.72,
      source: COW,
      alsoReportedBy: [SHIFTING],
    },
    {
      text: 'Pressed on whether this signals true commitment from Vladimir Putin, Vance said Russia has recognized that Ukraine will retain territorial integrity after the war.',
      score: 0.6,
      source: SHIFTING,
      alsoReportedBy: [],
    },
    {
      text: 'Vance pointed to progress in Europe ahead of the meeting in Alaska.',
      score: 0.4,
      source: REAL_NEWS_NOW,
      alsoReportedBy: [],
    },
  ];
  return { question, answered: true, results: results.slice(0, top) };
}

export interface FakeCoverage extends Coverage {
  readonly asked: { question: string; options: AskOptions }[];
  /** Replaces how questions are answered. */
  answerWith(answer: (question: string, options: AskOptions) => Promise<Answer>): void;
  closed: boolean;
}

export function createFakeCoverage(): FakeCoverage {
  let answer = (question: string, options: AskOptions) =>
    Promise.resolve(seedAnswer(question, options.top));
  const coverage: FakeCoverage = {
    asked: [],
    closed: false,
    answerWith(next) {
      answer = next;
    },
    ask(question, options = {}) {
      coverage.asked.push({ question, options });
      return answer(question, options);
    },
    sources: () => [REAL_NEWS_NOW, COW, SHIFTING],
    outlets: () => ['Real News Now', 'The COW News Digital'],
    info: (): CoverageInfo => ({
      articles: 3,
      passages: 42,
      outlets: 2,
      model: { id: 'coverage-bot/glove-sif-100d', dimensions: 100 },
      builtAt: '2025-08-25T10:00:00.000Z',
    }),
    async close() {
      coverage.closed = true;
    },
  };
  return coverage;
}

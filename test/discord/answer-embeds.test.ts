import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAnswerView,
  formatElapsed,
  safeUrl,
  sourceLine,
} from '../../src/discord/answer-embeds.js';
import { DISCORD_LIMITS, embedLength } from '../../src/discord/limits.js';
import type { Answer, AnswerResult, SourceRef } from '../../src/retrieve/answer-types.js';
import { COW, REAL_NEWS_NOW, seedAnswer } from './fake-coverage.js';

/** Text with the characters that stress escaping: markdown, mentions, newlines, emoji. */
const nastyText = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '*',
          '**',
          '_',
          '`',
          '```',
          '~~',
          '||',
          '>',
          '>>> ',
          '# ',
          '-# ',
          '\\',
          '[x](https://e.com)',
          '\n',
          '\n\n',
          '@everyone',
          '@here',
          '<@123456789012345678>',
          '<#123456789012345678>',
          '😀',
          'é',
          '  ',
        ),
      ),
      { maxLength: maxLength / 4 },
    )
    .map((parts) => parts.join('').slice(0, maxLength));

const source: fc.Arbitrary<SourceRef> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 30 }),
    title: nastyText(2_000),
    outlet: nastyText(300),
    url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 50 })),
    published: fc.oneof(fc.constant('2025-08-24'), fc.string({ maxLength: 30 })),
  },
  { requiredKeys: ['id', 'title'] },
);

const result: fc.Arbitrary<AnswerResult> = fc
  .record({
    text: nastyText(12_000),
    highlightStart: fc.nat(),
    highlightLength: fc.nat({ max: 3_000 }),
    score: fc.double({ noNaN: true }),
    source,
    alsoReportedBy: fc.array(source, { maxLength: 30 }),
  })
  .map(({ text, highlightStart, highlightLength, ...rest }) => {
    const start = text.length === 0 ? 0 : highlightStart % text.length;
    const highlight = text.slice(start, start + highlightLength);
    return { text, ...(highlight === '' ? {} : { highlight }), ...rest };
  });

const answer: fc.Arbitrary<Answer> = fc.record({
  question: nastyText(4_000),
  answered: fc.boolean(),
  results: fc.array(result, { maxLength: 16 }),
});

describe('buildAnswerView', () => {
  it('GIVEN any answer, long articles and long questions THEN every Discord limit holds', () => {
    fc.assert(
      fc.property(
        answer,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: -2, max: 6 }),
        (anyAnswer, pageSize, page) => {
          const view = buildAnswerView(anyAnswer, {
            page,
            pageSize,
            elapsedMs: 1234,
            pageButtonId: (target) => `page:123456789012345678:${target}`,
            coverageAsOf: '2025-08-24',
          });
          expect(view.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
          expect(view.embeds.length).toBeGreaterThan(0);
          expect(view.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
          let total = 0;
          for (const embed of view.embeds) {
            expect(embed.description?.length ?? 0).toBeLessThanOrEqual(
              DISCORD_LIMITS.embedDescription,
            );
            expect(embed.description?.trim().length ?? 0).toBeGreaterThan(0);
            expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
            total += embedLength(embed);
          }
          expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
          const ids = view.components.flatMap((row) =>
            row.components.map((button) => ('custom_id' in button ? button.custom_id : '')),
          );
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
          const text = [view.content, ...view.embeds.map((embed) => embed.description ?? '')].join(
            '\n',
          );
          expect(text).not.toMatch(/@(everyone|here)/);
          expect(text).not.toMatch(/<[@#]/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GIVEN a result THEN its excerpt is quoted line by line with the best sentence in bold', () => {
    const view = buildAnswerView(
      {
        question: 'q',
        answered: true,
        results: [
          {
            text: 'First line.\n\nSecond *line* here. Third.',
            highlight: 'Second *line* here.',
            score: 1,
            source: COW,
            alsoReportedBy: [],
          },
        ],
      },
      { page: 0, pageSize: 3, elapsedMs: 50 },
    );
    const description = view.embeds[0]?.description ?? '';
    expect(description.split('\n').slice(0, 2)).toEqual([
      '> First line.',
      '> **Second \\*line\\* here.** Third.',
    ]);
    expect(view.embeds[0]?.footer?.text).toBe('1 result · 50 ms');
  });

  it('GIVEN a very long excerpt THEN it is cut with "…" and the quote stays a quote', () => {
    const long = 'The minister said the talks would continue. '.repeat(400);
    const view = buildAnswerView(
      {
        question: 'q',
        answered: true,
        results: [
          {
            text: long,
            highlight: 'The minister said the talks would continue.',
            score: 1,
            source: REAL_NEWS_NOW,
            alsoReportedBy: [COW],
          },
        ],
      },
      { page: 0, pageSize: 1, elapsedMs: 1 },
    );
    const description = view.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const quoteLines = description.split('\n').filter((line) => line.startsWith('> '));
    expect(quoteLines.at(-1)).toMatch(/…$/);
    expect(description).toContain('— **Real News Now** · JD Vance Makes');
    expect(description).toContain('Also reported by: The COW News Digital');
  });

  it('GIVEN answered false THEN the reply says the coverage does not say, with no buttons', () => {
    const view = buildAnswerView(
      { question: 'Who won?', answered: false, results: [] },
      { page: 0, pageSize: 3, elapsedMs: 10, pageButtonId: String },
    );
    expect(view.embeds).toHaveLength(1);
    expect(view.embeds[0]?.description).toContain("The coverage doesn't say");
    expect(view.components).toEqual([]);
  });

  it('GIVEN more results than a page THEN the buttons go to the neighbouring pages', () => {
    const view = buildAnswerView(seedAnswer('q', 4), {
      page: 1,
      pageSize: 2,
      elapsedMs: 10,
      pageButtonId: (page) => `p${page}`,
    });
    const buttons = view.components[0]?.components ?? [];
    expect(buttons.map((button) => ('custom_id' in button ? button.custom_id : undefined))).toEqual(
      ['p0', 'p1'],
    );
    expect(buttons.map((button) => button.disabled)).toEqual([false, true]);
    expect(view.embeds.at(-1)?.footer?.text).toMatch(/^4 results · page 2\/2 · \d+ ms$/);
  });
});

describe('sourceLine and safeUrl', () => {
  it('GIVEN only a title THEN only the title is shown: nothing is invented', () => {
    expect(sourceLine({ id: 'a', title: 'Plain title' })).toBe('— Plain title');
  });

  it('GIVEN a full source THEN outlet, title, date and link are shown, title escaped', () => {
    expect(
      sourceLine({
        id: 'a',
        title: 'A *bold* claim',
        outlet: 'Daily',
        published: '2025-08-24T10:00:00Z',
        url: 'https://x.org/a_b',
      }),
    ).toBe('— **Daily** · A \\*bold\\* claim · 2025-08-24 · [link](https://x.org/a_b)');
  });

  it('GIVEN unsafe or odd links THEN they are encoded or dropped', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('https://x.org/a(b)')).toBe('https://x.org/a%28b%29');
    expect(safeUrl(`https://x.org/${'a'.repeat(600)}`)).toBeUndefined();
  });
});

describe('formatElapsed', () => {
  it('GIVEN under a second THEN milliseconds; above THEN seconds with one decimal', () => {
    expect(formatElapsed(0.2)).toBe('1 ms');
    expect(formatElapsed(42.4)).toBe('42 ms');
    expect(formatElapsed(1_250)).toBe('1.3 s');
  });
});

describe('GIVEN how current the coverage is', () => {
  it('WHEN the newest article date is known THEN the answer footer ends with "coverage as of" it', () => {
    const view = buildAnswerView(seedAnswer('What did Russia concede?', 2), {
      page: 0,
      pageSize: 3,
      elapsedMs: 50,
      coverageAsOf: '2031-05-04',
    });
    expect(view.embeds.at(-1)?.footer?.text).toBe('2 results · 50 ms · coverage as of 2031-05-04');
  });

  it('WHEN the coverage does not answer THEN its footer says as of when, too', () => {
    const view = buildAnswerView(
      { question: 'Who won the cup?', answered: false, results: [] },
      { page: 0, pageSize: 3, elapsedMs: 50, coverageAsOf: '2031-05-04' },
    );
    expect(view.embeds[0]?.footer?.text).toBe('0 results · 50 ms · coverage as of 2031-05-04');
  });

  it('WHEN no article states a date THEN the footer says nothing about it', () => {
    const view = buildAnswerView(seedAnswer('What did Russia concede?', 1), {
      page: 0,
      pageSize: 3,
      elapsedMs: 50,
      coverageAsOf: undefined,
    });
    expect(view.embeds.at(-1)?.footer?.text).toBe('1 result · 50 ms');
  });
});

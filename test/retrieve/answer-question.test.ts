import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/retrieve/answer-options.js';
import { verbatimPieces } from '../../src/retrieve/excerpt.js';
import { UserError } from '../../src/errors.js';
import { hitRank, readQaSet, summarise, type QaSet } from '../../scripts/eval/qa-set.js';
import { openSeedCoverage, REPO_ROOT, type SeedCoverage } from '../helpers/seed-coverage.js';
import type { Answer } from '../../src/retrieve/answer-types.js';
import path from 'node:path';

let seeds: SeedCoverage;
let qa: QaSet;
const answers = new Map<string, Answer>();

beforeAll(async () => {
  seeds = await openSeedCoverage();
  qa = await readQaSet(path.join(REPO_ROOT, 'test/fixtures/qa.json'));
  for (const { question } of qa.onTopic) answers.set(question, await seeds.coverage.ask(question));
  for (const question of qa.offTopic) answers.set(question, await seeds.coverage.ask(question));
});
afterAll(() => seeds.dispose());

describe('GIVEN the seed QA set and the bundled model', () => {
  it('THEN at least 75% of on-topic questions quote an answer in the top 3', () => {
    const ranks = qa.onTopic.map(({ question, expect }) => hitRank(answers.get(question)!, expect));
    const { hit3 } = summarise(ranks);
    // Measured 80.6% (25/31) with the bundled model; the bar leaves room for one more miss.
    expect(hit3).toBeGreaterThanOrEqual(0.75);
  });

  it('THEN every general-knowledge off-topic question is declined with no quotes', () => {
    // Off-topic questions sharing common news words ("the prime minister", "interest rates")
    // are issue #8's target for the gate; `npm run eval` reports them.
    const general = qa.offTopicQuestions.filter((q) => q.style === 'general');
    expect(general.length).toBeGreaterThanOrEqual(8);
    for (const { question } of general) {
      expect(answers.get(question), question).toMatchObject({ answered: false, results: [] });
    }
  });

  it('THEN every quote is verbatim from its article, at most excerptChars long (and an added answer sentence)', () => {
    for (const answer of answers.values()) {
      for (const result of answer.results) {
        const article = seeds.index.articles.get(result.source.id)!;
        for (const piece of verbatimPieces(result.text)) expect(article.text).toContain(piece);
        // The quote and, after " … ", at most one sentence that holds the answer.
        const added = DEFAULT_ANSWER_OPTIONS.completion?.maxChars ?? 0;
        expect(result.text.replaceAll('…', '').length).toBeLessThanOrEqual(
          DEFAULT_ANSWER_OPTIONS.excerptChars + added + 2,
        );
        expect(result.text).toContain(result.highlight);
      }
    }
  });

  it('THEN no result quotes the same article twice or repeats a corroborating source', () => {
    for (const answer of answers.values()) {
      const leads = answer.results.map((r) => r.source.id);
      for (const result of answer.results) {
        const ids = [result.source.id, ...result.alsoReportedBy.map((s) => s.id)];
        expect(new Set(ids).size).toBe(ids.length);
      }
      expect(leads.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('corroboration', () => {
  // Vance's claim, in the words of several outlets ("Russia has made significant concessions",
  // "the Russians have made meaningful concessions"); other concessions are other facts.
  const claim = /(Russia has|Russians have) made “?(significant|meaningful) concessions/i;

  it('GIVEN the "significant concessions" fact from several outlets THEN one result lists the others', async () => {
    const answer = await seeds.coverage.ask('Has Russia made significant concessions to Trump?');
    const reporting = [...seeds.index.articles.values()]
      .filter((article) => claim.test(article.text))
      .map((article) => article.id);
    expect(reporting.length).toBeGreaterThanOrEqual(2);

    const quoting = answer.results.filter((result) => claim.test(result.text));
    expect(quoting).toHaveLength(1);
    const sources = [quoting[0]!.source, ...quoting[0]!.alsoReportedBy].map((s) => s.id);
    expect(sources.sort()).toEqual([...reporting].sort());
  });
});

describe('source filter', () => {
  it('GIVEN an outlet THEN only its articles are quoted', async () => {
    const outlet = seeds.coverage.outlets()[0]!;
    const answer = await seeds.coverage.ask('What did Vance say about Russia?', { source: outlet });
    expect(answer.answered).toBe(true);
    for (const result of answer.results) {
      expect(result.source.outlet).toBe(outlet);
      expect(result.alsoReportedBy).toEqual([]);
    }
  });

  it('GIVEN an article id THEN only that article is quoted', async () => {
    const id = seeds.coverage.sources()[0]!.id;
    const answer = await seeds.coverage.ask('What did Vance say?', { source: id, top: 5 });
    for (const result of answer.results) expect(result.source.id).toBe(id);
  });

  it('GIVEN an unknown source THEN a user error, not an empty answer', async () => {
    await expect(seeds.coverage.ask('Vance?', { source: 'The Daily Nothing' })).rejects.toThrow(
      UserError,
    );
  });
});

describe('questions', () => {
  it('GIVEN an empty or over-long question THEN a user error that says why', async () => {
    await expect(seeds.coverage.ask('   ')).rejects.toThrow(/empty/);
    await expect(seeds.coverage.ask('why '.repeat(200))).rejects.toThrow(/500/);
  });

  it('GIVEN top N THEN at most N results', async () => {
    const answer = await seeds.coverage.ask('What did Vance say about the war?', { top: 1 });
    expect(answer.results.length).toBe(1);
  });
});

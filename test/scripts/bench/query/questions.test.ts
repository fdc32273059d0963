import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedQuestions, titleQuestions } from '../../../../scripts/bench/query/questions.js';
import { REPO_ROOT } from '../../../helpers/seed-coverage.js';

const articles = ['business', 'politics', 'sport', 'tech'].flatMap((topic) =>
  Array.from({ length: 25 }, (_, i) => ({
    id: `${topic}/${String(i + 1).padStart(3, '0')}`,
    title: `${topic} headline ${i + 1}`,
  })),
);

describe('titleQuestions', () => {
  it('GIVEN 100 articles in 4 topics THEN 20 questions, spread over every topic, each naming its title', () => {
    const questions = titleQuestions(articles, 20);
    expect(questions).toHaveLength(20);
    for (const topic of ['business', 'politics', 'sport', 'tech']) {
      expect(questions.filter((question) => question.includes(`${topic} headline`))).toHaveLength(
        5,
      );
    }
    expect(questions[0]).toBe('What did the reports say about business headline 1?');
  });

  it('GIVEN the same articles in another order THEN the same questions', () => {
    expect(titleQuestions([...articles].reverse(), 20)).toEqual(titleQuestions(articles, 20));
  });

  it('GIVEN fewer articles than asked for THEN one question per article', () => {
    expect(titleQuestions(articles.slice(0, 3), 50)).toHaveLength(3);
  });
});

describe('seedQuestions', () => {
  it('GIVEN the seed QA set THEN every on- and off-topic question, in file order', async () => {
    const questions = await seedQuestions(path.join(REPO_ROOT, 'test/fixtures/qa.json'));
    expect(questions.length).toBeGreaterThan(30);
    expect(questions[0]).toBe('What concessions does Vance say Russia has made?');
    expect(questions).toContain('What is the capital of Australia?');
    expect(
      questions.every((question) => typeof question === 'string' && question.trim() !== ''),
    ).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import { memoryLogger } from '../../src/log.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import {
  calibrateGate,
  generateCalibrationQuestions,
  OFF_TOPIC_PROBES,
  quantile,
} from '../../src/retrieve/calibrate-gate.js';
import { ABSENT_NAMES_DECLINE, isUsableGate } from '../../src/retrieve/gate.js';
import { lexicalTerms } from '../../src/store/lexical-index.js';
import { openIndex } from '../../src/store/open-index.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { readQaSet } from '../../scripts/eval/qa-set.js';
import {
  openSeedCoverage,
  REPO_ROOT,
  SEED_ARTICLES,
  type SeedCoverage,
} from '../helpers/seed-coverage.js';
import path from 'node:path';

describe('quantile', () => {
  it('GIVEN values THEN the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.9)).toBe(5);
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([], 0.9)).toBe(0);
  });
});

describe('generateCalibrationQuestions', () => {
  const passages = [
    { articleId: 'a', sentences: ['The council approved new bus lanes on Tuesday.'] },
    { articleId: 'b', sentences: ['Striker Baros signed for Lyon after a long saga.'] },
    { articleId: 'c', sentences: ['Shares in the chipmaker rose sharply in Tokyo trading.'] },
  ];
  const options = {
    positives: 30,
    negatives: 30,
    probes: ['What is origami?'],
    paraphraseRate: 0.3,
  };

  it('GIVEN a seed THEN the same questions every time', () => {
    expect(generateCalibrationQuestions(passages, options, 7)).toEqual(
      generateCalibrationQuestions(passages, options, 7),
    );
  });

  it('GIVEN generated unanswerable questions THEN no passage holds two of their terms', () => {
    const { probes, negatives } = generateCalibrationQuestions(passages, options, 7);
    expect(probes).toEqual(['What is origami?']);
    expect(negatives.length).toBeGreaterThan(10);
    const sets = passages.map((p) => new Set(lexicalTerms(p.sentences.join(' '))));
    for (const question of negatives) {
      const terms = lexicalTerms(
        question.replace(
          /^(What|Who|Why did|How did|When did|Where did|Did|Is|What happened to) /,
          '',
        ),
      );
      for (const set of sets) expect(terms.filter((t) => set.has(t)).length).toBeLessThanOrEqual(1);
    }
  });

  it('GIVEN generated answerable questions THEN each keeps at least one word of the coverage', () => {
    const { positives } = generateCalibrationQuestions(passages, options, 7);
    expect(positives.length).toBeGreaterThan(10);
    const vocabulary = new Set(lexicalTerms(passages.flatMap((p) => p.sentences).join(' ')));
    for (const question of positives) {
      expect(lexicalTerms(question).some((t) => vocabulary.has(t))).toBe(true);
    }
  });
});

describe('calibrateGate', () => {
  let seeds: SeedCoverage;
  beforeAll(async () => {
    seeds = await openSeedCoverage();
  });
  afterAll(() => seeds.dispose());

  it('GIVEN the seed coverage THEN the fitted gate declines the probes and answers its own questions', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    const gate = await calibrateGate(deps);
    expect(isUsableGate(gate, seeds.index.manifest.model.id)).toBe(true);
    expect(gate.calibration!.positivesAnswered).toBeGreaterThanOrEqual(0.94);
    let declined = 0;
    for (const probe of OFF_TOPIC_PROBES) {
      const answer = await answerQuestion(deps, probe, { gate });
      if (!answer.answered) declined++;
    }
    expect(declined / OFF_TOPIC_PROBES.length).toBeGreaterThanOrEqual(0.9);
  });

  it('GIVEN the same coverage twice THEN the same gate (deterministic)', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    expect(await calibrateGate(deps, { positives: 40, negatives: 20 })).toEqual(
      await calibrateGate(deps, { positives: 40, negatives: 20 }),
    );
  });

  it('GIVEN lowShare THEN at most that share of the answered generated questions is marked low', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    const small = { positives: 40, negatives: 20 };
    const none = await calibrateGate(deps, { ...small, lowShare: 0 });
    expect(none.calibration!.positivesConfident).toBe(none.calibration!.positivesAnswered);
    const probesOnly = await calibrateGate(deps, { ...small, lowShare: 1 });
    expect(probesOnly.confidentAt).toBeGreaterThanOrEqual(none.confidentAt);
  });

  it('GIVEN the absent-names rule THEN it is adopted only if it spares the generated answerable questions', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    const small = { positives: 40, negatives: 20 };
    const gate = await calibrateGate(deps, small);
    expect(gate.calibration!.positivesAbsentNames).toBeLessThanOrEqual(0.01);
    expect(gate.absentNamesAt).toBe(ABSENT_NAMES_DECLINE);
    const strict = await calibrateGate(deps, { ...small, absentNamesBudget: -1 });
    expect(strict.absentNamesAt).toBeUndefined();
  });

  it('GIVEN another embedding model THEN the same procedure fits it without any hand-set value', async () => {
    // A different model (hashed bag of words): its cosines mean something else entirely.
    const embedder = fakeEmbedder();
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'coverage-gate-'));
    try {
      await ingestCorpus({
        articlesDir: SEED_ARTICLES,
        indexDir: scratch,
        embedder,
        log: memoryLogger(),
      });
      const index = await openIndex(scratch);
      const gate = await calibrateGate({ index, embedder });
      expect(gate.modelId).toBe(embedder.id);
      expect(gate.modelId).not.toBe(seeds.index.manifest.model.id);
      const deps = { index, embedder };
      const answered = await answerQuestion(deps, 'What concessions has Russia made?', { gate });
      const declined = await answerQuestion(deps, 'How do I knit a scarf?', { gate });
      expect(answered.answered).toBe(true);
      expect(declined.answered).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('GIVEN the evaluation sets THEN no probe is one of their held-out questions', async () => {
    const held = new Set<string>();
    for (const file of ['qa.json', 'bbc-qa.json']) {
      const qa = await readQaSet(path.join(REPO_ROOT, 'test/fixtures', file));
      for (const q of qa.offTopic) held.add(q.toLowerCase());
      for (const q of qa.onTopic) held.add(q.question.toLowerCase());
    }
    for (const probe of OFF_TOPIC_PROBES) expect(held.has(probe.toLowerCase())).toBe(false);
  });
});

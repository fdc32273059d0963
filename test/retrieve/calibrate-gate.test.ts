import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateGate, OFF_TOPIC_PROBES, quantile } from '../../src/retrieve/calibrate-gate.js';
import { gateThresholdsFor } from '../../src/retrieve/gate.js';
import { readQaSet } from '../../scripts/eval/qa-set.js';
import { openSeedCoverage, REPO_ROOT, type SeedCoverage } from '../helpers/seed-coverage.js';
import path from 'node:path';

describe('quantile', () => {
  it('GIVEN values THEN the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.9)).toBe(5);
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([], 0.9)).toBe(0);
  });
});

describe('calibrateGate', () => {
  let seeds: SeedCoverage;
  beforeAll(async () => {
    seeds = await openSeedCoverage();
  });
  afterAll(() => seeds.dispose());

  it('GIVEN probes that share no wording with the coverage THEN the model floor stays', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    const base = gateThresholdsFor(seeds.index.manifest.model.id);
    const gate = await calibrateGate(deps, base, ['What do pandas eat?']);
    expect(gate).toEqual(base);
  });

  it('GIVEN probes that do share wording THEN the threshold rises above them, within the cap', async () => {
    const deps = { index: seeds.index, embedder: seeds.embedder };
    const base = gateThresholdsFor(seeds.index.manifest.model.id);
    // Questions about the story itself, posing as probes: the coverage contains their words.
    const gate = await calibrateGate(deps, base, [
      'What did Vance say about Russia?',
      'Did Trump meet Putin in Alaska?',
    ]);
    expect(gate.minTermCoverage).toBeGreaterThan(base.minTermCoverage);
    expect(gate.minTermCoverage).toBeLessThanOrEqual(0.7);
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

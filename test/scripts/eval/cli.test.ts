import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvalArgs, runEvalCli } from '../../../scripts/eval.js';
import type { EvalSummary } from '../../../scripts/eval/report.js';
import { UserError } from '../../../src/errors.js';
import { REPO_ROOT } from '../../helpers/seed-coverage.js';

describe('parseEvalArgs', () => {
  it('GIVEN no flag THEN every set, both halves', () => {
    expect(parseEvalArgs([])).toMatchObject({
      sets: ['seeds', 'bbc', 'headlines'],
      halves: ['tune', 'test'],
      json: false,
      ablations: false,
    });
  });

  it('GIVEN --set seeds,headlines --half test --json --model X THEN those', () => {
    expect(
      parseEvalArgs(['--set', 'seeds,headlines', '--half', 'test', '--json', '--model', 'X']),
    ).toMatchObject({ sets: ['seeds', 'headlines'], halves: ['test'], json: true, model: 'X' });
  });

  it('GIVEN an unknown set or half THEN a user error naming what was typed', () => {
    expect(() => parseEvalArgs(['--set', 'seed'])).toThrow(UserError);
    expect(() => parseEvalArgs(['--set', 'seed'])).toThrow(/"seed" is not a set/);
    expect(() => parseEvalArgs(['--half', 'held-out'])).toThrow(/"held-out" is not a half/);
  });
});

describe('GIVEN npm run eval -- --set seeds,bbc --json without the BBC corpus', () => {
  let scratch: string;
  const out: string[] = [];
  const err: string[] = [];
  let code: number;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'coverage-eval-cli-'));
    code = await runEvalCli(['--set', 'seeds,bbc', '--json', '--verbose'], {
      root: REPO_ROOT,
      bbcDir: path.join(scratch, 'no-bbc'),
      cacheDir: path.join(scratch, 'cache'),
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
    });
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('THEN stdout is one JSON summary with both halves of the seeds, per style', () => {
    expect(code).toBe(0);
    const summary = JSON.parse(out.join('')) as EvalSummary;
    const seeds = summary.sets.seeds!;
    expect(Object.keys(seeds.answerable)).toEqual(['tune', 'test', 'all']);
    expect(seeds.answerable.all!.all!.n).toBeGreaterThanOrEqual(60);
    for (const style of ['paraphrase', 'name', 'headline', 'factoid', 'multi-outlet']) {
      expect(seeds.answerable.test![style]!.n).toBeGreaterThan(0);
    }
    expect(seeds.offTopic!.all!.all!.n).toBeGreaterThanOrEqual(20);
    const all = seeds.answerable.all!.all!;
    expect(all.hit1).toBeLessThanOrEqual(all.hit3);
    expect(Array.isArray(seeds.failures)).toBe(true);
  });

  it('THEN the BBC set is reported as skipped, saying why, on stderr and in the summary', () => {
    const summary = JSON.parse(out.join('')) as EvalSummary;
    expect(summary.skipped.bbc).toMatch(/not found/);
    expect(err.join('')).toMatch(/BBC sets skipped/);
  });

  it('THEN a second run reuses the cached index (nothing embedded)', async () => {
    const again: string[] = [];
    await runEvalCli(['--set', 'seeds', '--half', 'tune'], {
      root: REPO_ROOT,
      bbcDir: path.join(scratch, 'no-bbc'),
      cacheDir: path.join(scratch, 'cache'),
      stdout: () => {},
      stderr: (text) => again.push(text),
    });
    expect(again.join('')).toMatch(/\(0 passages embedded\)/);
  });
});

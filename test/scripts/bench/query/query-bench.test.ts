import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measureCorpus } from '../../../../scripts/bench/query/measure-corpus.js';
import { printReport, type CorpusReport } from '../../../../scripts/bench/query/report.js';
import { replicaId, replicateIndex } from '../../../../scripts/bench/query/replicate-index.js';
import { measureVectra } from '../../../../scripts/bench/query/vectra-baseline.js';
import { INDEX_FILES } from '../../../../src/store/index-folder.js';
import { vectraDocumentId } from '../../../../src/store/write-index.js';
import { openIndex } from '../../../../src/store/open-index.js';
import { openSeedCoverage, type SeedCoverage } from '../../../helpers/seed-coverage.js';

let seeds: SeedCoverage;
beforeAll(async () => {
  seeds = await openSeedCoverage();
});
afterAll(async () => {
  await seeds.dispose();
});

const QUESTIONS = [
  'Where was the summit between Trump and Putin held?',
  'How much Ukrainian land does Russia control?',
  'What is the capital of Australia?',
];

describe('replicateIndex', () => {
  it('GIVEN the seed index ×3 THEN an index that opens with every article, passage and vector three times under r0…r2 ids', async () => {
    const target = path.join(path.dirname(seeds.indexDir), 'replicated');
    try {
      const summary = await replicateIndex(seeds.indexDir, target, 3);
      const copy = await openIndex(target);
      const original = seeds.index;
      expect(summary).toEqual({
        articles: original.articles.size * 3,
        passages: original.passages.length * 3,
      });
      expect(copy.manifest.counts).toEqual(summary);
      const first = original.passages[0]!;
      const rows = original.passages.length;
      const dims = original.manifest.model.dimensions;
      for (let r = 0; r < 3; r++) {
        const passage = copy.passages[r * rows]!;
        expect(passage.articleId).toBe(replicaId(r, first.articleId));
        expect(passage.id).toBe(`${replicaId(r, first.articleId)}#${first.index}`);
        expect(passage.text).toBe(first.text);
        expect(copy.vectors.subarray(r * rows * dims, (r * rows + 1) * dims)).toEqual(
          original.vectors.subarray(0, dims),
        );
      }
      // The rebuilt BM25 finds a word of the first passage in each of the three copies.
      const hits = copy.lexical.search('Alaska', 1_000);
      const copies = new Set(
        hits.map((hit) => copy.passages[hit.passage]!.articleId.split('/')[0]),
      );
      expect(copies).toEqual(new Set(['r0', 'r1', 'r2']));
      // vectra's documents are written for the synthetic ids too.
      const doc = await readFile(
        path.join(target, `${vectraDocumentId(replicaId(2, first.articleId))}.txt`),
        'utf8',
      );
      expect(doc).toBe(original.articles.get(first.articleId)!.text);
      expect(INDEX_FILES.vectraDocs).toBe('docs');
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });
});

describe('measureCorpus', () => {
  it('GIVEN 3 questions and 2 rounds THEN 6 timed samples of each kind and the index counts', async () => {
    const measure = await measureCorpus(seeds.indexDir, seeds.embedder, QUESTIONS, { rounds: 2 });
    expect(measure.full).toHaveLength(6);
    expect(measure.retrieval).toHaveLength(6);
    expect(measure.vectorScan).toHaveLength(6);
    expect(measure.lexicalSearch).toHaveLength(6);
    expect(measure.passages).toBe(seeds.index.passages.length);
    expect(measure.articles).toBe(seeds.index.articles.size);
    expect(measure.questions).toBe(3);
    // Two on-topic questions are answered; the capital of Australia is declined.
    expect(measure.answered).toBe(2);
    expect(measure.openMs).toBeGreaterThan(0);
    expect(measure.peakRssAfterOpenMiB).toBeGreaterThan(0);
    expect(measure.peakRssOursMiB).toBeGreaterThanOrEqual(measure.peakRssAfterOpenMiB);
  });
});

describe('measureVectra', () => {
  it("GIVEN our index folder THEN vectra's hybrid returns vector and BM25 hits whose chunks are our passage texts", async () => {
    const vectra = await measureVectra(seeds.indexDir, seeds.embedder, QUESTIONS, {
      maxQueries: 2,
      budgetMs: 60_000,
      topK: 5,
    });
    expect(vectra.samples).toHaveLength(2);
    expect(vectra.skipped).toBe(0);
    expect(vectra.vectorHitsMean).toBe(5);
    expect(vectra.bm25HitsMean).toBeGreaterThan(0);
    expect(vectra.bm25ChunksChecked).toBeGreaterThan(0);
    expect(vectra.bm25ChunksMatching).toBe(vectra.bm25ChunksChecked);
  });

  it('GIVEN a spent time budget THEN it stops after the first query and counts the rest as skipped', async () => {
    const vectra = await measureVectra(seeds.indexDir, seeds.embedder, QUESTIONS, {
      maxQueries: 3,
      budgetMs: 0,
      topK: 5,
    });
    expect(vectra.samples).toHaveLength(1);
    expect(vectra.skipped).toBe(2);
  });
});

function report(
  label: string,
  fullMs: number,
  retrievalMs: number,
  vectraMs?: number,
): CorpusReport {
  return {
    label,
    rounds: 1,
    vectraLimits: { maxQueries: 1, budgetMs: 1_000 },
    bytes: { total: 10 * 1024 * 1024, ours: 4 * 1024 * 1024, vectra: 6 * 1024 * 1024 },
    measure: {
      articles: 10,
      passages: 10_000,
      questions: 1,
      answered: 1,
      openMs: 100,
      createMs: 10,
      heapMiB: 20,
      arrayBuffersMiB: 5,
      full: [fullMs],
      retrieval: [retrievalMs],
      embed: [1],
      vectorScan: [1],
      lexicalSearch: [1],
      peakRssAfterOpenMiB: 250,
      peakRssOursMiB: 300,
    },
    vectra:
      vectraMs === undefined
        ? { error: 'vectra died' }
        : {
            loadMs: 1,
            samples: [vectraMs],
            skipped: 0,
            vectorHitsMean: 10,
            bm25HitsMean: 10,
            bm25ChunksChecked: 10,
            bm25ChunksMatching: 10,
            peakRssMiB: 900,
          },
  };
}

function printed(reports: CorpusReport[]): string {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    printReport(reports);
    return log.mock.calls.map((call) => String(call[0])).join('\n');
  } finally {
    log.mockRestore();
  }
}

describe('printReport', () => {
  it('GIVEN BBC p50 8 ms and vectra 100× slower at ×10 THEN both targets are met, with the numbers', () => {
    const text = printed([report('BBC', 8, 4, 400), report('BBC×10', 30, 20, 2_000)]);
    expect(text).toContain('p50 ≤ 10 ms on BBC: **met** — full answer p50 8.0 ms');
    expect(text).toContain("vectra's hybrid at BBC×10: **met**");
    expect(text).toContain('×100');
    expect(text).toContain('memory per 10k passages');
    expect(text).toContain('25.0 MiB');
  });

  it('GIVEN BBC p50 12 ms and vectra only 3× slower THEN both targets are not met', () => {
    const text = printed([report('BBC', 12, 4, 40), report('BBC×10', 30, 20, 60)]);
    expect(text).toContain('p50 ≤ 10 ms on BBC: **not met** — full answer p50 12.0 ms');
    expect(text).toContain("vectra's hybrid at BBC×10: **not met**");
  });

  it('GIVEN a vectra run that died THEN its cells say why and the target is not measured', () => {
    const text = printed([report('BBC', 8, 4, 40), report('BBC×10', 30, 20)]);
    expect(text).toContain('vectra died');
    expect(text).toContain('BBC×10: not measured');
  });
});

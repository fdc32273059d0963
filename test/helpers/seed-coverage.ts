import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCoverage } from '../../src/app/open-coverage.js';
import { ingestCorpus } from '../../src/app/ingest-corpus.js';
import type { Coverage } from '../../src/app/coverage.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import { memoryLogger } from '../../src/log.js';
import type { CorpusIndex } from '../../src/store/corpus-index.js';
import { openIndex } from '../../src/store/open-index.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SEED_ARTICLES = path.join(REPO_ROOT, 'data/articles');

/** The seed articles indexed with the real bundled model in a temp folder. */
export interface SeedCoverage {
  readonly coverage: Coverage;
  readonly index: CorpusIndex;
  readonly embedder: Embedder;
  readonly indexDir: string;
  dispose(): Promise<void>;
}

export async function openSeedCoverage(): Promise<SeedCoverage> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'coverage-seeds-'));
  const indexDir = path.join(scratch, 'index');
  const embedder = await loadEmbedder({
    model: BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(scratch, 'cache'),
    hubTimeoutMs: 1_000,
    warn: () => {},
  });
  await ingestCorpus({ articlesDir: SEED_ARTICLES, indexDir, embedder, log: memoryLogger() });
  const index = await openIndex(indexDir);
  const coverage = await createCoverage(index, embedder);
  return {
    coverage,
    index,
    embedder,
    indexDir,
    dispose: async () => {
      await coverage.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import { memoryLogger, type Logger } from '../../src/log.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundled model, as every benchmark section measures with it (never a hub model). */
export function loadBundledModel(log: Logger = memoryLogger()): Promise<Embedder> {
  return loadEmbedder({
    model: BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(repo, '.cache/models'),
    hubTimeoutMs: 5_000,
    warn: (message) => log.warn(message),
  });
}

/** The model an evaluation runs with: `--model` (an id, `bundled`, or later a folder), default bundled. */
import path from 'node:path';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';

export async function loadEvalEmbedder(
  model: string | undefined,
  root: string,
  warn: (message: string) => void,
): Promise<Embedder> {
  return loadEmbedder({
    model: model ?? BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(root, '.cache/models'),
    hubTimeoutMs: 1000,
    warn,
  });
}

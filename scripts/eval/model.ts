/**
 * The model an evaluation runs with (`--model`): an id as the product takes it (`bundled`, a
 * hub id, or a model built into the download cache such as `coverage-bot/glove-mean-50d`, see
 * scripts/build-offline-model.ts), or a model folder. Default: the bundled model.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../../src/embed/load-embedder.js';
import { createTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { UserError } from '../../src/errors.js';

/** How long the hub may stall before a hub id counts as unreachable: the eval is offline-first. */
const HUB_TIMEOUT_MS = 1_000;

export interface ModelChoice {
  /** Load by id through the product's loader… */
  readonly id?: string;
  /** …or from a folder: `modelsDir/id` holds the model files. */
  readonly folder?: { readonly modelsDir: string; readonly id: string };
}

/**
 * A folder (one holding config.json) is loaded as the model `<parent>/<name>` from the folder
 * above its parent, as transformers.js lays models out; anything else is an id.
 */
export function chooseModel(model: string | undefined, cwd = process.cwd()): ModelChoice {
  if (model === undefined) return { id: BUNDLED_MODEL_ID };
  const folder = path.resolve(cwd, model);
  const looksLikePath = model.startsWith('.') || path.isAbsolute(model) || model.endsWith('/');
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    if (!existsSync(path.join(folder, 'config.json'))) {
      if (looksLikePath) {
        throw new UserError(
          `--model ${model}: ${folder} has no config.json, so it is not a model folder. ` +
            'Give a model id, or the folder a model was built into (npm run build:model).',
        );
      }
      return { id: model };
    }
    const parent = path.dirname(folder);
    return {
      folder: {
        modelsDir: path.dirname(parent),
        id: `${path.basename(parent)}/${path.basename(folder)}`,
      },
    };
  }
  if (looksLikePath) {
    throw new UserError(`--model ${model}: no such folder (${folder}).`);
  }
  return { id: model };
}

export async function loadEvalEmbedder(
  model: string | undefined,
  root: string,
  warn: (message: string) => void,
): Promise<Embedder> {
  const choice = chooseModel(model);
  if (choice.folder !== undefined) {
    return createTransformersEmbedder({
      model: choice.folder.id,
      source: { remote: false, modelsDir: choice.folder.modelsDir },
    });
  }
  return loadEmbedder({
    model: choice.id ?? BUNDLED_MODEL_ID,
    explicit: true,
    cacheDir: path.join(root, '.cache/models'),
    hubTimeoutMs: HUB_TIMEOUT_MS,
    warn,
  });
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { createTransformersEmbedder } from './transformers-embedder.js';
import { HUGGING_FACE_HUB_URL, HubTimeoutError } from './transformers-env.js';

import {
  BUNDLED_MODEL_ALIAS,
  BUNDLED_MODEL_ID,
  canonicalModelId,
  DEFAULT_HUB_MODEL_ID,
} from './model-ids.js';

export {
  BUNDLED_MODEL_ALIAS,
  BUNDLED_MODEL_ID,
  canonicalModelId,
  DEFAULT_HUB_MODEL_ID,
} from './model-ids.js';

/** Options of {@link loadEmbedder}. */
export interface LoadEmbedderOptions {
  /** Hub id, {@link BUNDLED_MODEL_ID}, or the alias `bundled`; undefined = the default. */
  model?: string;
  /**
   * True when the user (EMBEDDING_MODEL, --model) or an index manifest chose the model: it is
   * loaded or the load fails with a UserError — never a silent substitute. With `model`
   * undefined this means "the default hub model, no fallback".
   */
  explicit: boolean;
  /** Where hub models are cached after their first download (config.modelCacheDir). */
  cacheDir: string;
  /** How long a silent hub may stall a load before it counts as unreachable (config.hubTimeoutMs). */
  hubTimeoutMs: number;
  /** Folder of bundled models; default `<repo>/data/models`. */
  modelsDir?: string;
  /** Hub base URL; default the Hugging Face hub. Tests point it at loopback. */
  hubUrl?: string;
  /** Receives the one warning given when the default model falls back to the bundled one. */
  warn: (message: string) => void;
}

/**
 * Loads the embedding model to use.
 *
 * - `model` undefined, `explicit` false: the default hub model ({@link DEFAULT_HUB_MODEL_ID},
 *   downloaded once into `cacheDir`); if it cannot be loaded, the bundled model, after exactly
 *   one `warn` that says what happened and how to choose.
 * - otherwise: exactly the chosen model, or a UserError saying why and what to do.
 *
 * An unreachable hub costs at most about `hubTimeoutMs` (a refused connection, much less).
 */
export async function loadEmbedder(options: LoadEmbedderOptions): Promise<Embedder> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const requested = options.model === undefined ? undefined : canonicalModelId(options.model);

  if (requested === BUNDLED_MODEL_ID) return loadBundled(modelsDir);

  const hubId = requested ?? DEFAULT_HUB_MODEL_ID;
  const fallbackAllowed = options.model === undefined && !options.explicit;
  try {
    return await createTransformersEmbedder({
      model: hubId,
      cacheDir: options.cacheDir,
      source: {
        remote: true,
        modelsDir,
        hubUrl: options.hubUrl ?? HUGGING_FACE_HUB_URL,
        timeoutMs: options.hubTimeoutMs,
      },
    });
  } catch (error) {
    const reason = describeLoadFailure(error);
    if (!fallbackAllowed) {
      throw new UserError(
        [
          `Could not load the embedding model "${hubId}": ${reason}.`,
          `It is downloaded once from the model hub into ${options.cacheDir} and then works offline.`,
          'Check the network and the model id, or use the bundled offline model with',
          `EMBEDDING_MODEL=${BUNDLED_MODEL_ALIAS} (or --model ${BUNDLED_MODEL_ALIAS}).`,
          'An index built with one model must be rebuilt (npm run ingest) to use another.',
        ].join('\n'),
        { cause: error },
      );
    }
    const bundled = await loadBundled(
      modelsDir,
      `The default model ${hubId} failed too (${reason}).`,
    );
    options.warn(
      `Could not load the default embedding model ${hubId} (${reason}); using the bundled ` +
        `offline model ${BUNDLED_MODEL_ID} instead, which finds less. To choose a model, set ` +
        `EMBEDDING_MODEL (or pass --model) to a hub id such as ${DEFAULT_HUB_MODEL_ID}, or to ` +
        `"${BUNDLED_MODEL_ALIAS}" for the offline model.`,
    );
    return bundled;
  }
}

async function loadBundled(modelsDir: string, context = ''): Promise<Embedder> {
  try {
    return await createTransformersEmbedder({
      model: BUNDLED_MODEL_ID,
      source: { remote: false, modelsDir },
    });
  } catch (error) {
    // The bundled model is part of the repository: failing to load it is a broken checkout,
    // never a reason to try the network.
    throw new UserError(
      `The bundled embedding model could not be loaded from ${path.join(modelsDir, BUNDLED_MODEL_ID)}: ` +
        `${describeLoadFailure(error)}.${context === '' ? '' : ` ${context}`}\n` +
        'Restore data/models from git, or rebuild it with npm run build:model.',
      { cause: error },
    );
  }
}

/** A one-line reason for a failed load, without a stack trace. */
export function describeLoadFailure(error: unknown): string {
  if (error instanceof HubTimeoutError) return `the model hub did not answer (${error.message})`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof HubTimeoutError) return `the model hub did not answer (${cause.message})`;
  if (error.message === 'fetch failed') {
    // undici puts the real reason (ECONNREFUSED, ENOTFOUND, …) in `cause`.
    const detail =
      typeof cause === 'object' && cause !== null && 'code' in cause
        ? String(cause.code)
        : cause instanceof Error
          ? cause.message
          : 'network error';
    return `the model hub could not be reached (${detail})`;
  }
  return error.message.split('\n')[0] ?? error.message;
}

/**
 * `<repo>/data/models`, found by walking up from this file to the folder with package.json:
 * the code runs from src/embed/ (tsx, vitest) and from dist/src/embed/ (compiled).
 */
export function defaultModelsDir(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(folder, 'package.json'))) return path.join(folder, 'data', 'models');
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error('load-embedder: no package.json above this module; pass modelsDir');
    }
    folder = parent;
  }
}

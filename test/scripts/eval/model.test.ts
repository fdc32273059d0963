import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseModel } from '../../../scripts/eval/model.js';
import {
  BUNDLED_MODEL_ID,
  defaultModelsDir,
  loadEmbedder,
} from '../../../src/embed/load-embedder.js';
import { UserError } from '../../../src/errors.js';
import { closedPortUrl } from '../../embed/fake-hub.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'coverage-eval-model-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('chooseModel', () => {
  it('GIVEN nothing THEN the bundled model; GIVEN an id THEN that id', () => {
    expect(chooseModel(undefined)).toEqual({ id: BUNDLED_MODEL_ID });
    expect(chooseModel('coverage-bot/glove-mean-50d', scratch)).toEqual({
      id: 'coverage-bot/glove-mean-50d',
    });
  });

  it('GIVEN a model folder THEN it loads as <parent>/<name> from the folder above', () => {
    const folder = path.join(defaultModelsDir(), BUNDLED_MODEL_ID);
    expect(chooseModel(folder)).toEqual({
      folder: { modelsDir: defaultModelsDir(), id: BUNDLED_MODEL_ID },
    });
  });

  it('GIVEN a path that is no model folder THEN a user error naming it', () => {
    expect(() => chooseModel('./nowhere', scratch)).toThrow(UserError);
    expect(() => chooseModel('./nowhere', scratch)).toThrow(/--model \.\/nowhere: no such folder/);
    expect(() => chooseModel(scratch)).toThrow(/has no config\.json/);
  });
});

describe('GIVEN a model that is only in the download cache and no hub', () => {
  it('THEN loadEmbedder loads it by id, without the network', async () => {
    // An id no other test loads: transformers.js remembers configs it has read in-process.
    const id = `test-cache-only/model-${process.pid}`;
    const cacheDir = path.join(scratch, 'cache');
    await mkdir(path.join(cacheDir, id), { recursive: true });
    await cp(path.join(defaultModelsDir(), BUNDLED_MODEL_ID), path.join(cacheDir, id), {
      recursive: true,
    });
    const embedder = await loadEmbedder({
      model: id,
      explicit: true,
      cacheDir,
      hubTimeoutMs: 1_000,
      hubUrl: await closedPortUrl(),
      warn: () => {},
    });
    try {
      expect(embedder.id).toBe(id);
      expect(embedder.dimensions).toBe(100);
    } finally {
      await embedder.dispose();
    }
  });
});

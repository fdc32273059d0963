import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import {
  BUNDLED_MODEL_ID,
  DEFAULT_HUB_MODEL_ID,
  canonicalModelId,
  defaultModelsDir,
  loadEmbedder,
  type LoadEmbedderOptions,
} from '../../src/embed/load-embedder.js';
import { UserError } from '../../src/errors.js';
import { closedPortUrl, hangingHub, servingHubProcess, type FakeHub } from './fake-hub.js';

describe('loadEmbedder', () => {
  let cacheDir: string;
  let warnings: string[];
  const loaded: Embedder[] = [];
  const hubs: FakeHub[] = [];

  // Short, so the hanging-hub tests are quick: a slow machine only makes them time out sooner.
  // Tests that need the hub to answer pass a generous limit of their own.
  const options = (overrides: Partial<LoadEmbedderOptions>): LoadEmbedderOptions => ({
    explicit: false,
    cacheDir,
    hubTimeoutMs: 400,
    warn: (message) => warnings.push(message),
    ...overrides,
  });
  const load = async (overrides: Partial<LoadEmbedderOptions>) => {
    const embedder = await loadEmbedder(options(overrides));
    loaded.push(embedder);
    return embedder;
  };

  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'coverage-bot-models-'));
    warnings = [];
  });
  afterEach(async () => {
    await Promise.all(loaded.splice(0).map((embedder) => embedder.dispose()));
    await Promise.all(hubs.splice(0).map((hub) => hub.close()));
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('GIVEN the alias "bundled" THEN the bundled model loads without touching the hub', async () => {
    const embedder = await load({
      model: 'bundled',
      explicit: true,
      hubUrl: await closedPortUrl(),
    });
    expect(embedder.id).toBe(BUNDLED_MODEL_ID);
    expect(embedder.dimensions).toBe(100);
    expect(warnings).toEqual([]);
  });

  it('GIVEN no model chosen and a hub refusing connections THEN the bundled model with exactly one warning', async () => {
    const embedder = await load({ hubUrl: await closedPortUrl() });
    expect(embedder.id).toBe(BUNDLED_MODEL_ID);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(DEFAULT_HUB_MODEL_ID);
    expect(warnings[0]).toContain('could not be reached');
    expect(warnings[0]).toContain('EMBEDDING_MODEL');
    expect(warnings[0]).toContain('--model');
    const [vector] = await embedder.embed(['Ministers announced the budget.']);
    expect(vector).toHaveLength(100);
  });

  it('GIVEN no model chosen and a hub that never answers THEN the stall times out and the bundled model loads', async () => {
    const hub = await hangingHub();
    hubs.push(hub);
    const embedder = await load({ hubUrl: hub.url });
    expect(embedder.id).toBe(BUNDLED_MODEL_ID);
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('did not answer');
  });

  it('GIVEN a hub model chosen explicitly and an unreachable hub THEN a UserError names the model and the offline choice', async () => {
    const error = await loadEmbedder(
      options({ model: DEFAULT_HUB_MODEL_ID, explicit: true, hubUrl: await closedPortUrl() }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`"${DEFAULT_HUB_MODEL_ID}"`);
    expect((error as UserError).message).toContain('EMBEDDING_MODEL=bundled');
    expect(warnings).toEqual([]);
  });

  it('GIVEN a model from EMBEDDING_MODEL (explicit) and a hanging hub THEN it fails instead of falling back', async () => {
    const hub = await hangingHub();
    hubs.push(hub);
    await expect(
      loadEmbedder(options({ model: 'Xenova/bge-small-en-v1.5', explicit: true, hubUrl: hub.url })),
    ).rejects.toThrow(/did not answer/);
    expect(warnings).toEqual([]);
  });

  it('GIVEN explicit with no model THEN the default hub model is required (no fallback)', async () => {
    await expect(
      loadEmbedder(options({ explicit: true, hubUrl: await closedPortUrl() })),
    ).rejects.toBeInstanceOf(UserError);
    expect(warnings).toEqual([]);
  });

  it('GIVEN a reachable hub THEN the model downloads into cacheDir once and later loads offline from it', async () => {
    const modelId = 'test-org/static-100d';
    // In a child process, with a generous stall limit: transformers.js blocks this process's
    // event loop while it loads, and a busy machine must not turn that into a timeout.
    const hub = await servingHubProcess(modelId, path.join(defaultModelsDir(), BUNDLED_MODEL_ID));
    hubs.push(hub);
    const online = await load({
      model: modelId,
      explicit: true,
      hubUrl: hub.url,
      hubTimeoutMs: 60_000,
    });
    expect(online.id).toBe(modelId);
    expect(hub.requests.some((url) => url.endsWith('onnx/model_quantized.onnx'))).toBe(true);
    expect(existsSync(path.join(cacheDir, modelId, 'onnx/model_quantized.onnx'))).toBe(true);

    const offline = await load({ model: modelId, explicit: true, hubUrl: await closedPortUrl() });
    const [a, b] = [
      ...(await online.embed(['rates rise'])),
      ...(await offline.embed(['rates rise'])),
    ];
    expect(a).toEqual(b);
  });

  it('GIVEN a models folder without the bundled model THEN a UserError says how to restore it', async () => {
    await expect(
      loadEmbedder(options({ model: 'bundled', explicit: true, modelsDir: cacheDir })),
    ).rejects.toThrow(/npm run build:model/);
  });

  it('GIVEN ids with spaces or the alias in capitals THEN they resolve to canonical ids', () => {
    expect(canonicalModelId(' Bundled ')).toBe(BUNDLED_MODEL_ID);
    expect(canonicalModelId(' Xenova/all-MiniLM-L6-v2 ')).toBe(DEFAULT_HUB_MODEL_ID);
  });
});

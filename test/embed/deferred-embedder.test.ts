import { describe, expect, it } from 'vitest';
import { deferredEmbedder } from '../../src/embed/deferred-embedder.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { UserError } from '../../src/errors.js';
import { fakeEmbedder } from '../store/fake-embedder.js';

function counting(embedder: Embedder) {
  const state = { loads: 0, disposed: 0 };
  const load = async () => {
    state.loads++;
    return { ...embedder, dispose: async () => void state.disposed++ };
  };
  return { state, load };
}

describe('deferredEmbedder', () => {
  it('GIVEN no embed call THEN the model is never loaded, and dispose is a no-op', async () => {
    const { state, load } = counting(fakeEmbedder('m/a', 8));
    const embedder = deferredEmbedder({ id: 'm/a', dimensions: 8 }, load);
    expect([embedder.id, embedder.dimensions]).toEqual(['m/a', 8]);
    await embedder.dispose();
    expect(state).toEqual({ loads: 0, disposed: 0 });
  });

  it('GIVEN embed calls THEN the model loads once and gives its vectors', async () => {
    const real = fakeEmbedder('m/a', 8);
    const { state, load } = counting(real);
    const embedder = deferredEmbedder({ id: 'm/a', dimensions: 8 }, load);
    const [a] = await embedder.embed(['hello world']);
    await embedder.embed(['again']);
    expect(a).toEqual((await real.embed(['hello world']))[0]);
    expect(state.loads).toBe(1);
    await embedder.dispose();
    expect(state.disposed).toBe(1);
  });

  it('GIVEN a loaded model that is not the declared one THEN a UserError, and it is released', async () => {
    const { state, load } = counting(fakeEmbedder('m/b', 16));
    const embedder = deferredEmbedder({ id: 'm/a', dimensions: 8 }, load);
    await expect(embedder.embed(['x'])).rejects.toThrow(UserError);
    expect(state.disposed).toBe(1);
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/seed-coverage.js';

interface LockEntry {
  readonly hasInstallScript?: boolean;
}

const readJson = async (file: string) =>
  JSON.parse(await readFile(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;

describe('install policy (issue #10, item 15)', () => {
  it('GIVEN the lockfile THEN every package with an install script is reviewed in allowScripts', async () => {
    const lock = (await readJson('package-lock.json')).packages as Record<string, LockEntry>;
    const policy = (await readJson('package.json')).allowScripts as Record<string, boolean>;
    const withScripts = Object.entries(lock)
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(policy, name).toHaveProperty(name);
    // Its install script only downloads CUDA libraries; the CPU library ships in the package.
    expect(policy['onnxruntime-node']).toBe(false);
  });

  it('GIVEN npm 11 THEN no project .npmrc setting that npm warns about on every run', async () => {
    const npmrc = path.join(REPO_ROOT, '.npmrc');
    const text = existsSync(npmrc) ? await readFile(npmrc, 'utf8') : '';
    expect(text).not.toMatch(/^\s*onnxruntime/mu);
  });
});

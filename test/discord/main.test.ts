import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startFakeDiscord } from './fake-discord.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/**
 * `node --import tsx main.ts`: one process. The tsx CLI would run the bot in a child and relay
 * signals to it, and under load a relayed SIGTERM could end the bot before its handler ran.
 */
const mainArgs = [
  '--import',
  // By URL: the bot runs in an empty folder, where the bare name "tsx" would not resolve.
  pathToFileURL(path.join(repo, 'node_modules/tsx/dist/loader.mjs')).href,
  path.join(repo, 'src/discord/main.ts'),
];

describe('npm start without a token', () => {
  it('GIVEN no DISCORD_TOKEN THEN it prints how to configure one and exits with 1, before loading anything', async () => {
    // An empty folder as cwd: no .env to pick a token up from.
    const cwd = await mkdtemp(path.join(tmpdir(), 'coverage-bot-main-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: '' };
      const run = promisify(execFile)(process.execPath, mainArgs, { cwd, env, timeout: 60_000 });
      const failure = (await run.then(
        () => undefined,
        (error: unknown) => error,
      )) as { code?: number; stderr?: string } | undefined;
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('DISCORD_TOKEN is not set');
      expect(failure?.stderr).toContain('https://discord.com/developers/applications');
      expect(failure?.stderr).not.toContain('loading the model');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

describe('npm start with a token, against the fake Discord', () => {
  it('GIVEN a running bot WHEN it gets SIGTERM THEN it disconnects and exits with 0', async () => {
    const fake = await startFakeDiscord({ token: 'main-token' });
    const cwd = await mkdtemp(path.join(tmpdir(), 'coverage-bot-main-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DISCORD_TOKEN: 'main-token',
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: path.join(repo, 'data/articles'),
        INDEX_DIR: path.join(cwd, 'index'),
        MODEL_CACHE_DIR: path.join(cwd, 'models'),
        EMBEDDING_MODEL: 'bundled',
        ASK_CHANNEL_IDS: '',
      };
      const child = spawn(process.execPath, mainArgs, {
        cwd,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const ready = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (stderr.includes('Discord: ready as')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited before ready:\n${stderr}`)));
      });
      await ready;
      // The model and index were loaded before the gateway connection, not after.
      expect(stderr.indexOf('Indexed')).toBeLessThan(stderr.indexOf('Discord: ready'));
      const exited = once(child, 'exit');
      const killedAt = Date.now();
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      console.log(`[timing:shutdown] SIGTERM → exit ${Date.now() - killedAt} ms`);
      expect(stderr).toContain('SIGTERM: shutting down');
      expect(stderr).toContain('Discord: disconnected');
      expect(code).toBe(0);
      expect(stderr).not.toContain('main-token');
    } finally {
      await fake.close();
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

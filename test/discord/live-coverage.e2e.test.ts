/**
 * End to end: `npm start` (src/discord/main.ts in a child process, so its ingest cannot stall
 * the fake Discord) with a short poll interval; an article written into the data folder after
 * start-up is answered from without a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, payloads, startFakeDiscord, type FakeDiscord } from './fake-discord.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(repo, 'node_modules/.bin/tsx');

const PARADE = `---
title: Millbrook holds its first zebra parade
outlet: Example Gazette
published: 2031-05-04
---
The town of Millbrook held its first zebra parade on Saturday, with forty painted floats.

Organisers said the zebra parade drew twelve thousand visitors to the river meadow.
`;

describe('GIVEN npm start with FEED_POLL_MINUTES=0.05 against the fake Discord', () => {
  let fake: FakeDiscord;
  let cwd: string;
  let child: ChildProcess;
  let stderr = '';
  /** Resolves when the bot's log contains `text`; rejects if the bot exits first. */
  const logged = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stderr.includes(text)) {
          child.stderr?.off('data', check);
          resolve();
        }
      };
      child.stderr?.on('data', check);
      child.once('exit', () => reject(new Error(`exited before logging "${text}":\n${stderr}`)));
      check();
    });

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: 'live-token' });
    cwd = await mkdtemp(path.join(tmpdir(), 'coverage-bot-live-'));
    const dataDir = path.join(cwd, 'articles');
    await mkdir(dataDir);
    for (const name of await readdir(path.join(repo, 'data/articles'))) {
      await copyFile(path.join(repo, 'data/articles', name), path.join(dataDir, name));
    }
    child = spawn(tsx, [path.join(repo, 'src/discord/main.ts')], {
      cwd,
      env: {
        ...process.env,
        DISCORD_TOKEN: 'live-token',
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: dataDir,
        INDEX_DIR: path.join(cwd, 'index'),
        MODEL_CACHE_DIR: path.join(cwd, 'models'),
        EMBEDDING_MODEL: 'bundled',
        ASK_CHANNEL_IDS: '',
        FEED_POLL_MINUTES: '0.05',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await logged('Checking for new articles every 0.05 min');
  }, 120_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await fake?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('WHEN an article is added to the data folder after start-up THEN /ask quotes it, without a restart, and SIGTERM still stops the bot', async () => {
    await writeFile(path.join(cwd, 'articles', 'parade.md'), PARADE);
    await logged('Coverage updated: 6 articles');

    const interaction = payloads.command('ask', '800000000000007777', {
      question: 'Which town held a zebra parade?',
    });
    fake.dispatch('INTERACTION_CREATE', interaction);
    const edit = await fake.waitForCall(
      (call) =>
        call.method === 'PATCH' &&
        call.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`,
      60_000,
    );
    const body = edit.body as { embeds: { description: string }[] };
    const first = body.embeds[0]?.description ?? '';
    expect(first).toContain('zebra parade');
    expect(first).toContain('— **Example Gazette** · Millbrook holds its first zebra parade');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('Discord: disconnected');
    expect(stderr).not.toContain('live-token');
  }, 120_000);
});

/**
 * End to end, issue #9's "done when": `npm start` (src/discord/main.ts in a child process)
 * runs with a short poll interval; a feed is put in the feeds file after start-up, the bot
 * fetches its article from a web server (the fixture server on 127.0.0.1) on its next poll,
 * and answers from it without a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fetch/fixture-server.js';
import { APP_ID, payloads, startFakeDiscord, type FakeDiscord } from './fake-discord.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(repo, 'node_modules/.bin/tsx');

describe('GIVEN npm start with an empty feeds file, FEED_POLL_MINUTES=0.05 and a web server', () => {
  let fake: FakeDiscord;
  let web: FixtureServer;
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
    web = await startFixtureServer();
    cwd = await mkdtemp(path.join(tmpdir(), 'coverage-bot-live-'));
    const dataDir = path.join(cwd, 'articles');
    await mkdir(dataDir);
    for (const name of await readdir(path.join(repo, 'data/articles'))) {
      await copyFile(path.join(repo, 'data/articles', name), path.join(dataDir, name));
    }
    await writeFile(path.join(cwd, 'feeds.txt'), '# no feeds yet\n');
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
        FEEDS_FILE: path.join(cwd, 'feeds.txt'),
        // The web server is on 127.0.0.1, which the fetcher refuses by default.
        ALLOW_PRIVATE_URLS: 'true',
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
    await web?.stop();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('WHEN a feed is added after start-up THEN its article is fetched and /ask quotes it, without a restart', async () => {
    await writeFile(path.join(cwd, 'feeds.txt'), `${web.base}/feeds/atom.xml\n`);
    await logged('Coverage updated: 6 articles');

    const interaction = payloads.command('ask', '800000000000007777', {
      question: 'When will the central library close on weekdays?',
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
    expect(first).toContain('close at 5pm');
    expect(first).toContain('Library opening hours cut from October');
    // Written as an ordinary article file, with what the page and feed state.
    const written = await readdir(path.join(cwd, 'articles'), { recursive: true });
    expect(
      written.some((name) => String(name).endsWith('.md') && String(name).includes('library')),
    ).toBe(true);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('Discord: disconnected');
    expect(stderr).not.toContain('live-token');
  }, 120_000);
});

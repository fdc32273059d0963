import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ID, payloads, type FakeDiscord } from './fake-discord.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(repo, 'node_modules/.bin/tsx');

/** `npm start` (src/discord/main.ts) in a child process, on a copy of the seed articles. */
export interface SpawnedBot {
  readonly child: ChildProcess;
  /** The scratch folder: `articles/` (DATA_DIR), `index/`, `models/`. */
  readonly cwd: string;
  /** Everything the bot logged so far. */
  stderr(): string;
  /** Resolves when the bot's log contains `text`; rejects if the bot exits first. */
  logged(text: string): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Stops the bot if it runs, and removes the scratch folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the bot against `fake` in a child process (so its ingest cannot stall the fake
 * Discord), with the seed articles copied into a scratch folder; `env` adds settings.
 * `prepare` runs in the scratch folder before the start (e.g. to write a feeds file).
 */
export async function spawnBot(
  fake: FakeDiscord,
  token: string,
  env: (cwd: string) => Record<string, string>,
  prepare?: (cwd: string) => Promise<void>,
): Promise<SpawnedBot> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'coverage-bot-live-'));
  const dataDir = path.join(cwd, 'articles');
  await mkdir(dataDir);
  for (const name of await readdir(path.join(repo, 'data/articles'))) {
    await copyFile(path.join(repo, 'data/articles', name), path.join(dataDir, name));
  }
  await prepare?.(cwd);
  const child = spawn(tsx, [path.join(repo, 'src/discord/main.ts')], {
    cwd,
    env: {
      ...process.env,
      DISCORD_TOKEN: token,
      DISCORD_API_URL: fake.apiUrl,
      DATA_DIR: dataDir,
      INDEX_DIR: path.join(cwd, 'index'),
      MODEL_CACHE_DIR: path.join(cwd, 'models'),
      EMBEDDING_MODEL: 'bundled',
      ASK_CHANNEL_IDS: '',
      ...env(cwd),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    return code;
  };
  return {
    child,
    cwd,
    stderr: () => stderr,
    logged: (text) =>
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
      }),
    stop,
    dispose: async () => {
      await stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** Sends `/ask question:` to the bot and returns its answer's first embed description. */
export async function askBot(fake: FakeDiscord, question: string): Promise<string> {
  const interaction = payloads.command('ask', '800000000000007777', { question });
  fake.dispatch('INTERACTION_CREATE', interaction);
  const edit = await fake.waitForCall(
    (call) =>
      call.method === 'PATCH' &&
      call.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`,
    60_000,
  );
  const body = edit.body as { embeds: { description: string }[] };
  return body.embeds[0]?.description ?? '';
}

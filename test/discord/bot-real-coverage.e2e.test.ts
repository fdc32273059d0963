/**
 * One end-to-end test with the real answering service: the seed articles are indexed into a
 * temp folder with the bundled offline model, then a question goes through the real
 * discord.js client and the fake Discord.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/app/coverage.js';
import { openCoverage } from '../../src/app/open-coverage.js';
import { loadCoreConfig } from '../../src/config.js';
import { startBot } from '../../src/discord/bot.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { memoryLogger } from '../../src/log.js';
import { APP_ID, payloads, startFakeDiscord } from './fake-discord.js';
import type { FakeDiscord } from './fake-discord.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('GIVEN the bot over the real coverage of the seed articles', () => {
  let temp: string;
  let coverage: Coverage;
  let fake: FakeDiscord;
  let bot: RunningBot;
  const log = memoryLogger();

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'coverage-bot-discord-'));
    const config = loadCoreConfig(
      {
        DATA_DIR: 'data/articles',
        INDEX_DIR: path.join(temp, 'index'),
        MODEL_CACHE_DIR: path.join(temp, 'models'),
        EMBEDDING_MODEL: 'bundled',
      },
      repo,
    );
    coverage = await openCoverage(config, log);
    fake = await startFakeDiscord();
    bot = await startBot({
      config: {
        token: 'token',
        apiUrl: fake.apiUrl,
        askChannelIds: [],
        cooldownSeconds: 10,
        resultCount: 3,
      },
      coverage,
      log,
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await coverage?.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('WHEN /ask asks what Lavrov said THEN the edited reply quotes the COW News Digital article with its source', async () => {
    const interaction = payloads.command('ask', '800000000000009999', {
      question: 'What did Lavrov say about Trump defending American interests?',
    });
    const sentAt = fake.dispatch('INTERACTION_CREATE', interaction);
    const deferral = await fake.waitForCall((call) =>
      call.path.startsWith(`/interactions/${interaction.id}/`),
    );
    expect(deferral.body).toMatchObject({ type: 5 });
    const edit = await fake.waitForCall(
      (call) =>
        call.method === 'PATCH' &&
        call.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`,
      30_000,
    );
    console.log(
      `[timing:real] INTERACTION_CREATE → deferral ${(deferral.at - sentAt).toFixed(1)} ms; → edited answer ${(edit.at - sentAt).toFixed(1)} ms`,
    );
    const body = edit.body as { allowed_mentions: unknown; embeds: { description: string }[] };
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const first = body.embeds[0]?.description ?? '';
    expect(first).toMatch(/^> /);
    expect(first).toContain('American interests');
    expect(first).toContain('— **The COW News Digital** ·');
  });
});

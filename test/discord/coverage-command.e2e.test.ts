/**
 * `/coverage add url:` end to end: the real discord.js client against the fake Discord, a live
 * coverage over a copy of the seed articles, and a stand-in page fetcher that writes the page
 * into the data folder as the real one does (the fetcher itself is tested with its own module).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPageAndRefresh, type AddPage } from '../../src/app/add-page.js';
import { openLiveCoverage, type LiveCoverage } from '../../src/app/live-coverage.js';
import { loadCoreConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { SEED_ARTICLES } from '../helpers/seed-coverage.js';
import {
  APP_ID,
  payloads,
  startFakeDiscord,
  type FakeDiscord,
  type RecordedCall,
} from './fake-discord.js';

const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);

interface Body {
  type?: number;
  content?: string;
  flags?: number;
  data?: { content?: string; flags?: number };
}

/** `/coverage add url:<url>` by a member with the given permission bits. */
function addCommand(url: string, permissions: string) {
  const base = payloads.command('coverage', '800000000000005555');
  return {
    ...base,
    member: { ...base.member, permissions },
    data: {
      ...base.data,
      options: [{ name: 'add', type: 1, options: [{ name: 'url', type: 3, value: url }] }],
    },
  };
}

describe('GIVEN the bot over a live coverage, with a page fetcher', () => {
  let root: string;
  let live: LiveCoverage;
  let fake: FakeDiscord;
  let bot: RunningBot;
  const fetched: string[] = [];
  const log = memoryLogger();

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'coverage-add-'));
    const dataDir = path.join(root, 'articles');
    await mkdir(dataDir);
    for (const name of await readdir(SEED_ARTICLES)) {
      await copyFile(path.join(SEED_ARTICLES, name), path.join(dataDir, name));
    }
    const config = loadCoreConfig(
      {
        DATA_DIR: dataDir,
        INDEX_DIR: path.join(root, 'index'),
        MODEL_CACHE_DIR: path.join(root, 'models'),
        EMBEDDING_MODEL: 'bundled',
      },
      root,
    );
    live = await openLiveCoverage(config, log);
    const addPage: AddPage = async (url) => {
      fetched.push(url);
      if (url.endsWith('/missing')) throw new UserError('the page answered 404 Not Found');
      // A hostile server's status line ends up in the reason.
      if (url.endsWith('/hostile'))
        throw new UserError('HTTP 500 [Verify your account](https://phish.example) @everyone # Hi');
      await writeFile(
        path.join(dataDir, 'gazette-parade.md'),
        [
          '---',
          'title: Millbrook holds its first zebra parade',
          'outlet: Example Gazette',
          'published: 2031-05-04',
          `url: ${url}`,
          '---',
          'The town of Millbrook held its first zebra parade on Saturday.',
          '',
        ].join('\n'),
      );
      return {
        title: 'Millbrook holds its first zebra parade',
        outlet: 'Example Gazette',
        published: '2031-05-04',
        url,
      };
    };
    fake = await startFakeDiscord({ token: 'token' });
    bot = await startBot({
      config: {
        token: 'token',
        apiUrl: fake.apiUrl,
        askChannelIds: [],
        cooldownSeconds: 1,
        resultCount: 3,
      },
      coverage: live,
      log,
      addPage: addPageAndRefresh(addPage, live),
    });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await live?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const callback = (interaction: { id: string }) => (call: RecordedCall) =>
    call.method === 'POST' && call.path.startsWith(`/interactions/${interaction.id}/`);
  const edit = (interaction: { token: string }) => (call: RecordedCall) =>
    call.method === 'PATCH' &&
    call.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`;

  it('WHEN a member without Manage Server uses it THEN it refuses privately and fetches nothing', async () => {
    const interaction = addCommand('https://example.com/news/parade', '0');
    fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await fake.waitForCall(callback(interaction))).body as Body;
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.content).toContain('Manage Server permission');
    expect(fetched).toEqual([]);
  });

  it('WHEN the text is not a web address THEN it says what to paste, privately', async () => {
    const interaction = addCommand('ftp://example.com/story', MANAGE_GUILD);
    fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await fake.waitForCall(callback(interaction))).body as Body;
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.content).toBe(
      '"ftp://example.com/story" is a ftp link: only web pages (https://…) can be added.',
    );
    expect(fetched).toEqual([]);
  });

  it('WHEN the fetcher cannot add the page THEN the private reply says why', async () => {
    const interaction = addCommand('https://example.com/missing', MANAGE_GUILD);
    fake.dispatch('INTERACTION_CREATE', interaction);
    const deferral = (await fake.waitForCall(callback(interaction))).body as Body;
    expect(deferral).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const reply = (await fake.waitForCall(edit(interaction), 30_000)).body as Body;
    expect(reply.content).toBe(
      'Could not add https://example.com/missing: the page answered 404 Not Found',
    );
  });

  it('WHEN the reason quotes a hostile server THEN its markdown is shown as typed, never as a link', async () => {
    const interaction = addCommand('https://example.com/hostile', MANAGE_GUILD);
    fake.dispatch('INTERACTION_CREATE', interaction);
    const reply = (await fake.waitForCall(edit(interaction), 30_000)).body as Body;
    expect(reply.content).toBe(
      'Could not add https://example.com/hostile: HTTP 500 \\[Verify your account\\](https://phish.example) @\u200beveryone \\# Hi',
    );
  });

  it('WHEN an admin adds a page THEN the reply names it, and /ask quotes it at once', async () => {
    const interaction = addCommand('https://example.com/news/parade', MANAGE_GUILD);
    fake.dispatch('INTERACTION_CREATE', interaction);
    const reply = (await fake.waitForCall(edit(interaction), 30_000)).body as Body;
    expect(reply.content).toBe(
      'Added to the coverage: **Example Gazette** · Millbrook holds its first zebra parade · 2031-05-04 · [link](https://example.com/news/parade)\n' +
        'The bot can quote it now: 6 articles · coverage as of 2031-05-04.',
    );

    const question = payloads.command('ask', '800000000000006666', {
      question: 'Which town held a zebra parade?',
    });
    fake.dispatch('INTERACTION_CREATE', question);
    const answer = (await fake.waitForCall(edit(question), 30_000)).body as {
      embeds: { description: string; footer?: { text: string } }[];
    };
    expect(answer.embeds[0]?.description).toContain('Millbrook held its first zebra parade');
    expect(answer.embeds.at(-1)?.footer?.text).toContain('coverage as of 2031-05-04');
  });
});

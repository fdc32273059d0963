/**
 * End to end through the real discord.js client against the fake Discord on loopback:
 * gateway events in, REST calls out.
 */
import { performance } from 'node:perf_hooks';
import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/bot.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { COW, createFakeCoverage, seedAnswer } from './fake-coverage.js';
import type { FakeCoverage } from './fake-coverage.js';
import {
  APP_ID,
  ASK_CHANNEL_ID,
  CHANNEL_ID,
  payloads,
  snowflake,
  startFakeDiscord,
} from './fake-discord.js';
import type { FakeDiscord, RecordedCall } from './fake-discord.js';

const TOKEN = 'fake-bot-token';
const EPHEMERAL = 64;
const COOLDOWN_SECONDS = 10;

interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: { description?: string; footer?: { text: string } }[];
    components?: { components: { custom_id: string; disabled?: boolean }[] }[];
    allowed_mentions?: { parse: string[]; replied_user?: boolean };
    choices?: { name: string; value: string }[];
  };
}
interface MessageBody {
  content?: string;
  flags?: number;
  embeds?: { description?: string; footer?: { text: string } }[];
  components?: { components: { custom_id: string; disabled?: boolean }[] }[];
  allowed_mentions?: { parse: string[]; replied_user?: boolean };
  message_reference?: { message_id: string };
}

const isCallback = (interaction: { id: string }) => (call: RecordedCall) =>
  call.method === 'POST' &&
  call.path.startsWith(`/interactions/${interaction.id}/`) &&
  call.path.endsWith('/callback');
const isEditOriginal = (interaction: { token: string }) => (call: RecordedCall) =>
  call.method === 'PATCH' &&
  call.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`;
const isFollowUp = (interaction: { token: string }) => (call: RecordedCall) =>
  call.method === 'POST' && call.path === `/webhooks/${APP_ID}/${interaction.token}`;
const isReplyTo = (messageId: string) => (call: RecordedCall) =>
  call.method === 'POST' &&
  /^\/channels\/\d+\/messages$/.test(call.path) &&
  (call.body as MessageBody).message_reference?.message_id === messageId;

const allText = (body: MessageBody | CallbackBody['data']) =>
  [
    body?.content ?? '',
    ...(body?.embeds ?? []).map(
      (embed) => `${embed.description ?? ''}\n${embed.footer?.text ?? ''}`,
    ),
  ].join('\n');

describe('GIVEN the bot connected to a fake Discord (channel mode on)', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let coverage: FakeCoverage;
  const log = memoryLogger();
  const clientErrors: unknown[] = [];
  let clock = 1_000_000;
  /** ms from INTERACTION_CREATE sent to the deferral callback / to the PATCH of @original. */
  const timings: { phase: 'single' | 'burst'; defer: number; answer: number }[] = [];
  let phase: 'single' | 'burst' = 'single';
  let userCounter = 0;
  const newUser = () => `80000000000000${String(++userCounter).padStart(4, '0')}`;

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    coverage = createFakeCoverage();
    bot = await startBot({
      config: {
        token: TOKEN,
        apiUrl: fake.apiUrl,
        askChannelIds: [ASK_CHANNEL_ID],
        cooldownSeconds: COOLDOWN_SECONDS,
        resultCount: 2,
      },
      coverage,
      log,
      version: '0.1.0-test',
      now: () => clock,
    });
    bot.client.on('error', (error) => clientErrors.push(error));
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    const describe = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
      return `median ${median.toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms (n=${sorted.length})`;
    };
    for (const which of ['single', 'burst'] as const) {
      const rows = timings.filter((row) => row.phase === which);
      console.log(
        `[timing:${which}] INTERACTION_CREATE → deferral: ${describe(rows.map((row) => row.defer))}; ` +
          `→ edited answer: ${describe(rows.map((row) => row.answer))}`,
      );
    }
    expect(clientErrors).toEqual([]);
  });

  /** Dispatches `/ask` and waits for the deferral and the edit; records timings. */
  async function ask(options: Record<string, string | number>, userId = newUser()) {
    const interaction = payloads.command('ask', userId, options);
    const sentAt = fake.dispatch('INTERACTION_CREATE', interaction);
    const callback = await fake.waitForCall(isCallback(interaction));
    const body = callback.body as CallbackBody;
    if (body.type !== 5) return { interaction, callback: body };
    const edit = await fake.waitForCall(isEditOriginal(interaction));
    timings.push({ phase, defer: callback.at - sentAt, answer: edit.at - sentAt });
    return { interaction, callback: body, edit: edit.body as MessageBody };
  }

  it('THEN identifies with the MessageContent intent, because ASK_CHANNEL_IDS is set', async () => {
    const identify = await fake.identified;
    expect(identify.intents & GatewayIntentBits.MessageContent).toBe(
      GatewayIntentBits.MessageContent,
    );
    expect(identify.intents & GatewayIntentBits.GuildMessages).toBe(
      GatewayIntentBits.GuildMessages,
    );
  });

  it('WHEN /ask is used THEN it defers at once and edits in the quoted, sourced answer without mentions', async () => {
    const { callback, edit } = await ask({ question: 'What did Russia concede?' });
    expect(callback.type).toBe(5);
    expect(edit).toBeDefined();
    expect(edit?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(edit?.content).toContain('What did Russia concede?');
    const first = edit?.embeds?.[0]?.description ?? '';
    expect(first).toMatch(/^> /);
    expect(first).toContain(
      '**“They also conceded that establishing a puppet regime in Kyiv is no longer a viable goal.”**',
    );
    expect(first).toContain('— **The COW News Digital** · Vice President J.D. Vance revealed');
    expect(first).toContain(
      'Also reported by: Vance Drops Hint on Shifting Russia Talks, Real News Now',
    );
    expect(edit?.embeds).toHaveLength(2);
    expect(edit?.embeds?.[1]?.footer?.text).toMatch(
      /^4 results · page 1\/2 · (\d+ ms|\d+\.\d s) · coverage as of 2025-08-24$/,
    );
    expect(coverage.asked.at(-1)?.options.top).toBe(6);
  });

  it('WHEN the question and the quote contain @everyone and <@id> THEN nothing can ping and nothing looks like a mention', async () => {
    coverage.answerWith(async (question) => ({
      question,
      answered: true,
      results: [
        {
          text: 'Hey @here and @everyone, <@123456789012345678> and <@&223456789012345678> said **this**.',
          score: 1,
          source: COW,
          alsoReportedBy: [],
        },
      ],
    }));
    try {
      const { edit } = await ask({ question: '@everyone is <@123456789012345678> right?' });
      expect(edit?.allowed_mentions?.parse).toEqual([]);
      const text = allText(edit);
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<@[&!]?\d/);
      expect(text).toContain('\\*\\*this\\*\\*');
    } finally {
      coverage.answerWith(async (question, options) => seedAnswer(question, options.top));
    }
  });

  it('WHEN the coverage does not answer THEN the reply says so', async () => {
    coverage.answerWith(async (question) => ({ question, answered: false, results: [] }));
    try {
      const { edit } = await ask({ question: 'Who won the cup final?' });
      expect(edit?.embeds?.[0]?.description).toContain("The coverage doesn't say");
      expect(edit?.components).toEqual([]);
    } finally {
      coverage.answerWith(async (question, options) => seedAnswer(question, options.top));
    }
  });

  it('WHEN the same user asks again within the cooldown THEN they get a friendly ephemeral notice', async () => {
    const userId = newUser();
    await ask({ question: 'What did Russia concede?' }, userId);
    const asked = coverage.asked.length;
    clock += 3_000;
    const second = await ask({ question: 'And Ukraine?' }, userId);
    expect(second.callback.type).toBe(4);
    expect(second.callback.data?.flags).toBe(EPHEMERAL);
    expect(second.callback.data?.content).toContain('ask again in 7 s');
    expect(coverage.asked.length).toBe(asked);
    clock += COOLDOWN_SECONDS * 1000;
    const third = await ask({ question: 'And Ukraine?' }, userId);
    expect(third.callback.type).toBe(5);
  });

  it('WHEN the question is too long or empty THEN an ephemeral message says what to fix', async () => {
    const long = await ask({ question: 'why '.repeat(130) });
    expect(long.callback.type).toBe(4);
    expect(long.callback.data?.flags).toBe(EPHEMERAL);
    expect(long.callback.data?.content).toContain('the limit is 500');
    const empty = await ask({ question: '   ' });
    expect(empty.callback.data?.flags).toBe(EPHEMERAL);
    expect(empty.callback.data?.content).toContain('Please type a question');
  });

  it('WHEN answering fails THEN the user gets an ephemeral error with a reference, the detail is logged, and the bot keeps working', async () => {
    coverage.answerWith(() => Promise.reject(new Error('vector file truncated')));
    const interaction = payloads.command('ask', newUser(), {
      question: 'What did Russia concede?',
    });
    try {
      fake.dispatch('INTERACTION_CREATE', interaction);
      const followUp = await fake.waitForCall(isFollowUp(interaction));
      const body = followUp.body as MessageBody;
      expect(body.flags).toBe(EPHEMERAL);
      const reference = /reference `([0-9a-f]{8})`/.exec(body.content ?? '')?.[1];
      expect(reference).toBeDefined();
      expect(body.content).not.toContain('vector file truncated');
      expect(
        log.lines.some(
          (line) => line.includes(`[ref ${reference}]`) && line.includes('vector file truncated'),
        ),
      ).toBe(true);
      await fake.waitForCall(
        (call) => call.method === 'DELETE' && call.path.includes(interaction.token),
      );
    } finally {
      coverage.answerWith(async (question, options) => seedAnswer(question, options.top));
    }
    const after = await ask({ question: 'Still there?' });
    expect(after.edit?.embeds?.length).toBeGreaterThan(0);
  });

  it('WHEN a UserError is thrown (unknown source) THEN its message is shown, ephemerally', async () => {
    coverage.answerWith(() =>
      Promise.reject(new UserError('No article or outlet called "Nope @everyone". See /sources.')),
    );
    const interaction = payloads.command('ask', newUser(), {
      question: 'What?',
      source: 'Nope @everyone',
    });
    try {
      fake.dispatch('INTERACTION_CREATE', interaction);
      const body = (await fake.waitForCall(isFollowUp(interaction))).body as MessageBody;
      expect(body.flags).toBe(EPHEMERAL);
      expect(body.content).toContain('No article or outlet called');
      expect(body.content).not.toContain('@everyone');
      expect(coverage.asked.at(-1)?.options.source).toBe('Nope @everyone');
    } finally {
      coverage.answerWith(async (question, options) => seedAnswer(question, options.top));
    }
  });

  it('WHEN the asker presses More THEN the message shows the next page; WHEN someone else does THEN they are told no', async () => {
    const asker = newUser();
    const { interaction, edit } = await ask(
      { question: 'What did Russia concede?', count: 1 },
      asker,
    );
    const buttons = edit?.components?.[0]?.components ?? [];
    expect(buttons.map((button) => button.custom_id)).toEqual([
      `page:${interaction.id}:0`,
      `page:${interaction.id}:1`,
    ]);
    expect(buttons[0]?.disabled).toBe(true);

    const press = payloads.button(`page:${interaction.id}:1`, asker);
    fake.dispatch('INTERACTION_CREATE', press);
    const update = (await fake.waitForCall(isCallback(press))).body as CallbackBody;
    expect(update.type).toBe(7);
    expect(update.data?.allowed_mentions?.parse).toEqual([]);
    expect(update.data?.embeds?.[0]?.description).toContain('security guarantees');
    expect(update.data?.embeds?.[0]?.footer?.text).toContain('page 2/3');

    const intruder = payloads.button(`page:${interaction.id}:2`, newUser());
    fake.dispatch('INTERACTION_CREATE', intruder);
    const refused = (await fake.waitForCall(isCallback(intruder))).body as CallbackBody;
    expect(refused.type).toBe(4);
    expect(refused.data?.flags).toBe(EPHEMERAL);
    expect(refused.data?.content).toContain('Only the person who asked');
  });

  it('WHEN the bot is mentioned with a question THEN it replies to that message, pinging nobody', async () => {
    const message = payloads.message(
      `<@${'900000000000000001'}> what did Russia concede?`,
      newUser(),
      { mentionBot: true },
    );
    fake.dispatch('MESSAGE_CREATE', message);
    const reply = await fake.waitForCall(isReplyTo(message.id));
    const body = reply.body as MessageBody;
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds?.[0]?.description).toContain('The COW News Digital');
    expect(coverage.asked.at(-1)?.question).toBe('what did Russia concede?');
  });

  it('WHEN a message in an ask channel is a question THEN it is answered; chatter is not', async () => {
    const chatter = payloads.message('nice weather today', newUser(), {
      channelId: ASK_CHANNEL_ID,
    });
    fake.dispatch('MESSAGE_CREATE', chatter);
    const question = payloads.message('Did Russia accept security guarantees?', newUser(), {
      channelId: ASK_CHANNEL_ID,
    });
    fake.dispatch('MESSAGE_CREATE', question);
    const reply = await fake.waitForCall(isReplyTo(question.id));
    expect(reply.path).toBe(`/channels/${ASK_CHANNEL_ID}/messages`);
    expect(fake.calls.some(isReplyTo(chatter.id))).toBe(false);
  });

  it('WHEN /sources, /about and /help are used THEN each replies with its content', async () => {
    const sources = payloads.command('sources', newUser());
    fake.dispatch('INTERACTION_CREATE', sources);
    const list = (await fake.waitForCall(isCallback(sources))).body as CallbackBody;
    expect(list.data?.embeds?.[0]?.description).toContain('**Real News Now** · JD Vance Makes');
    expect(list.data?.embeds?.[0]?.description).toContain(
      '[link](https://example.com/news/vance_%28europe%29)',
    );

    const about = payloads.command('about', newUser());
    fake.dispatch('INTERACTION_CREATE', about);
    const aboutBody = (await fake.waitForCall(isCallback(about))).body as {
      data: { embeds: { fields: { name: string; value: string }[] }[] };
    };
    const fields = Object.fromEntries(
      aboutBody.data.embeds[0]?.fields.map((field) => [field.name, field.value]) ?? [],
    );
    expect(fields).toMatchObject({ Articles: '3', Passages: '42', Version: '0.1.0-test' });
    expect(fields['Model']).toContain('glove-sif-100d');

    const help = payloads.command('help', newUser());
    fake.dispatch('INTERACTION_CREATE', help);
    const helpBody = (await fake.waitForCall(isCallback(help))).body as CallbackBody;
    expect(helpBody.data?.flags).toBe(EPHEMERAL);
    expect(helpBody.data?.content).toContain('/ask question:');
    expect(helpBody.data?.content).toContain(`<#${ASK_CHANNEL_ID}>`);
  });

  it('WHEN the source option is being typed THEN autocomplete offers matching outlets and articles', async () => {
    const interaction = {
      ...payloads.command('ask', newUser()),
      type: 4,
      data: {
        id: snowflake(),
        name: 'ask',
        type: 1,
        options: [
          { name: 'question', type: 3, value: 'x' },
          { name: 'source', type: 3, value: 'real', focused: true },
        ],
      },
    };
    fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await fake.waitForCall(isCallback(interaction))).body as CallbackBody;
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.map((choice) => choice.value)).toEqual([
      'Real News Now',
      '004_a514caadb58b602a',
    ]);
    expect(choices[1]?.name).toMatch(/^Real News Now — JD Vance Makes ‘Significant Progress’ .*…$/);
    // Discord rejects choice names over 100 characters.
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('WHEN many questions arrive at once with a CPU-bound coverage THEN every one is deferred and answered', async () => {
    coverage.answerWith(async (question, options) => {
      const until = performance.now() + 40;
      while (performance.now() < until) {
        // Busy on purpose: embedding a question is CPU work that blocks the event loop.
      }
      return seedAnswer(question, options.top);
    });
    phase = 'burst';
    try {
      const burst = Array.from({ length: 8 }, () => ask({ question: 'What did Russia concede?' }));
      const results = await Promise.all(burst);
      for (const result of results) {
        expect(result.callback.type).toBe(5);
        expect(result.edit?.embeds?.length).toBeGreaterThan(0);
      }
    } finally {
      phase = 'single';
      coverage.answerWith(async (question, options) => seedAnswer(question, options.top));
    }
  });
});

/** A bot configured for slash commands and mentions only (no ASK_CHANNEL_IDS). */
function slashOnlyConfig(token: string, apiUrl: string) {
  return { token, apiUrl, askChannelIds: [], cooldownSeconds: 10, resultCount: 3 };
}

describe('GIVEN a bot without ASK_CHANNEL_IDS', () => {
  it('THEN it does not request the privileged MessageContent intent', async () => {
    const fake = await startFakeDiscord();
    try {
      const bot = await startBot({
        config: slashOnlyConfig(TOKEN, fake.apiUrl),
        coverage: createFakeCoverage(),
        log: memoryLogger(),
      });
      const identify = await fake.identified;
      expect(identify.intents & GatewayIntentBits.MessageContent).toBe(0);
      expect(identify.intents & GatewayIntentBits.GuildMessages).toBe(
        GatewayIntentBits.GuildMessages,
      );
      await bot.stop();
    } finally {
      await fake.close();
    }
  });

  it('WHEN Discord rejects the token THEN startBot fails with a UserError that says what to do, without the token', async () => {
    const fake = await startFakeDiscord({ token: 'the-right-token' });
    try {
      const attempt = startBot({
        config: slashOnlyConfig('a-wrong-token', fake.apiUrl),
        coverage: createFakeCoverage(),
        log: memoryLogger(),
      });
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(/Reset Token/);
      await expect(attempt).rejects.not.toThrow(/a-wrong-token/);
    } finally {
      await fake.close();
    }
  });
});

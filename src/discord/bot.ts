import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { Coverage } from '../app/coverage.js';
import type { DiscordConfig } from '../config.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { createAnswerPages } from './answer-pages.js';
import { handleMessage } from './channel-questions.js';
import type { BotContext, BotSettings } from './command.js';
import { commands as allCommands, commandsByName } from './commands/index.js';
import type { Command } from './command.js';
import { createCooldown } from './cooldown.js';
import { handleInteraction } from './interactions.js';
import { createTaskQueue } from './task-queue.js';

/** Questions answered at once; more wait in a queue so the gateway heartbeat keeps its turn. */
export const MAX_QUESTIONS_IN_FLIGHT = 2;

/** What `startBot` needs; everything is created by the caller and passed in. */
export interface StartBotOptions {
  readonly config: Pick<
    DiscordConfig,
    'token' | 'apiUrl' | 'askChannelIds' | 'cooldownSeconds' | 'resultCount'
  >;
  /** Already loaded: model and index are ready before the bot logs in. */
  readonly coverage: Coverage;
  readonly log: Logger;
  /** Shown by `/about`. */
  readonly version?: string;
  /** Extra client options (tests); `intents` and `rest.api` are set from the config. */
  readonly clientOptions?: Partial<ClientOptions>;
  readonly commands?: readonly Command[];
  /** Milliseconds clock (cooldowns, timings). */
  readonly now?: () => number;
  /** Enables `/coverage add` (see `addPageAndRefresh`). */
  readonly addPage?: BotContext['addPage'];
}

/** A running bot. */
export interface RunningBot {
  readonly client: Client<true>;
  /** Logs out and closes the gateway; the coverage is the caller's to close. */
  stop(): Promise<void>;
}

/**
 * Gateway intents: guild events always; guild messages so that mentions reach the bot
 * (Discord sends the content of messages that mention the bot without any privileged
 * intent). The privileged MessageContent intent is requested only in channel mode
 * (ASK_CHANNEL_IDS), where the bot must read messages that do not mention it.
 */
export function intentsFor(askChannelIds: readonly string[]): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (askChannelIds.length > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/**
 * Creates the discord.js client, wires its events to the handlers, logs in and resolves
 * once the client is ready. Rejects with a `UserError` when Discord refuses the token or
 * the privileged intent.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, coverage, log } = options;
  const settings: BotSettings = {
    resultCount: config.resultCount,
    cooldownSeconds: config.cooldownSeconds,
    askChannelIds: config.askChannelIds,
    version: options.version ?? 'unknown',
  };
  const now = options.now ?? Date.now;
  const context: BotContext = {
    coverage,
    log,
    settings,
    cooldown: createCooldown(config.cooldownSeconds, now),
    queue: createTaskQueue(MAX_QUESTIONS_IN_FLIGHT),
    pages: createAnswerPages(),
    now,
    ...(options.addPage === undefined ? {} : { addPage: options.addPage }),
  };
  const commands = commandsByName(options.commands ?? allCommands);

  const client = new Client({
    ...options.clientOptions,
    intents: intentsFor(config.askChannelIds),
    rest: {
      ...options.clientOptions?.rest,
      ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }),
    },
  });

  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  client.on(Events.InteractionCreate, (interaction) =>
    track(handleInteraction(interaction, commands, context)),
  );
  client.on(Events.MessageCreate, (message) => track(handleMessage(message, context)));
  client.on(Events.Error, (error) => log.error('Discord client error', error));
  client.on(Events.Warn, (message) => log.warn(`Discord: ${message}`));
  client.on(Events.ShardDisconnect, (event) =>
    log.warn(`Discord gateway closed (code ${event.code})`),
  );

  // Said before the wait: an API that never answers keeps login waiting about a minute.
  log.info(`Discord: connecting to ${config.apiUrl ?? 'https://discord.com/api'}…`);
  await loginAndWaitUntilReady(client, config.token);
  if (!client.isReady()) throw new Error('Discord client reported ready without a user');
  log.info(
    `Discord: ready as ${client.user.tag}` +
      (config.askChannelIds.length > 0
        ? `; answering questions in ${config.askChannelIds.length} channel(s)`
        : ''),
  );

  let stopped = false;
  return {
    client,
    async stop() {
      if (stopped) return;
      stopped = true;
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.MessageCreate);
      // Let answers already being written finish, so nobody is left with "thinking…".
      await Promise.allSettled([...pending]);
      await client.destroy();
      log.info('Discord: disconnected');
    },
  };
}

/** Gateway close codes after which retrying cannot help, with what the owner should do. */
const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: 'Discord rejected DISCORD_TOKEN. Copy a fresh token (Developer Portal → your app → Bot → Reset Token) into .env.',
  4013: 'Discord rejected the gateway intents. Please report this as a bug.',
  4014: 'Discord refused the Message Content intent that ASK_CHANNEL_IDS needs. Turn on "Message Content Intent" in the Developer Portal → your app → Bot → Privileged Gateway Intents, or remove ASK_CHANNEL_IDS from .env (mentions still work without it).',
};

async function loginAndWaitUntilReady(client: Client, token: string): Promise<void> {
  let onReady: (() => void) | undefined;
  let onDisconnect: ((event: { code: number }) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onDisconnect = (event) => {
      const advice = FATAL_CLOSE_CODES[event.code];
      if (advice !== undefined) reject(new UserError(advice));
    };
    client.once(Events.ClientReady, onReady);
    client.on(Events.ShardDisconnect, onDisconnect);
  });
  try {
    await Promise.all([
      client.login(token).catch((error: unknown) => Promise.reject(loginError(error))),
      ready,
    ]);
  } catch (error) {
    await client.destroy();
    throw error;
  } finally {
    if (onReady) client.off(Events.ClientReady, onReady);
    if (onDisconnect) client.off(Events.ShardDisconnect, onDisconnect);
  }
}

/** discord.js reports a refused token as an error with code `TokenInvalid`. */
function loginError(error: unknown): unknown {
  if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') {
    return new UserError(
      'Discord rejected DISCORD_TOKEN (it is wrong, or was reset). Copy a fresh token from the Developer Portal → your app → Bot → Reset Token into .env.',
    );
  }
  return error;
}

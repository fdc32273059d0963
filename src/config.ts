import path from 'node:path';
import { z } from 'zod';
import { UserError } from './errors.js';

/**
 * Every environment variable coverage-bot reads, parsed once and frozen. Nothing else in the
 * code reads `process.env`. `.env.example` and the README document each variable.
 */

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A number setting: `fallback` when unset, else a value `accept` takes, or `problem`. */
const numberSetting = (fallback: number, accept: (value: number) => boolean, problem: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!accept(parsed)) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return parsed;
    });

const positiveInt = (fallback: number, max: number) =>
  numberSetting(
    fallback,
    (n) => Number.isInteger(n) && n >= 1 && n <= max,
    `must be a whole number from 1 to ${max}`,
  );

/** A number of minutes, fractions allowed (`0.1` in tests); 0 means off. */
const minutes = (fallback: number, max: number) =>
  numberSetting(
    fallback,
    (n) => Number.isFinite(n) && n >= 0 && n <= max,
    `must be a number of minutes from 0 to ${max}`,
  );

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const coreSchema = z.object({
  DATA_DIR: optionalText,
  INDEX_DIR: optionalText,
  EMBEDDING_MODEL: optionalText,
  MODEL_CACHE_DIR: optionalText,
  HUB_TIMEOUT_MS: positiveInt(5_000, 600_000),
  FEEDS_FILE: optionalText,
});

const discordSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  ASK_CHANNEL_IDS: optionalText.transform((value, ctx) => {
    const ids = (value ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    for (const id of ids) {
      if (!snowflake.safeParse(id).success) {
        ctx.addIssue({ code: 'custom', message: `"${id}" is not a Discord channel id` });
      }
    }
    return ids;
  }),
  ASK_COOLDOWN_SECONDS: positiveInt(10, 3_600),
  ASK_RESULT_COUNT: positiveInt(3, 5),
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  FEED_POLL_MINUTES: minutes(30, 10_080),
});

const booleanFlag = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').toLowerCase();
    if (text === '' || text === 'false' || text === '0' || text === 'no') return false;
    if (text === 'true' || text === '1' || text === 'yes') return true;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });

const fetchSchema = z.object({
  ALLOW_PRIVATE_URLS: booleanFlag,
});

/** Settings shared by every entry point (CLI, ingest, bot). */
export interface CoreConfig {
  /** Folder of articles to ingest. */
  readonly dataDir: string;
  /** Folder of the search index. */
  readonly indexDir: string;
  /** Model chosen by the user, if any; when set, never fall back silently. */
  readonly embeddingModel: string | undefined;
  /** Where hub models are cached after their first download. */
  readonly modelCacheDir: string;
  /** How long to wait for the model hub before falling back to the bundled model. */
  readonly hubTimeoutMs: number;
  /**
   * Where the folder and model settings came from, so that errors and hints can repeat what
   * the user typed (`--index myidx`, not `INDEX_DIR`). Absent in hand-built configs.
   */
  readonly origins?: SettingOrigins;
  /** Feed URLs to poll, one a line (`npm run fetch`, and the bot). */
  readonly feedsFile: string;
}

/** Where one setting came from: a command-line flag, an environment variable or the default. */
export type SettingOrigin =
  | { readonly from: 'flag'; readonly name: string; readonly value: string }
  | { readonly from: 'env'; readonly name: string; readonly value: string }
  | { readonly from: 'default'; readonly value: string | undefined };

export interface SettingOrigins {
  readonly dataDir: SettingOrigin;
  readonly indexDir: SettingOrigin;
  readonly embeddingModel: SettingOrigin;
}

/** Command-line flags that override their environment variable (`--data` over `DATA_DIR`…). */
export interface CoreFlags {
  readonly data?: string | undefined;
  readonly index?: string | undefined;
  readonly model?: string | undefined;
}

/** Settings of the Discord bot. */
export interface DiscordConfig extends CoreConfig {
  readonly token: string;
  readonly guildId: string | undefined;
  readonly askChannelIds: readonly string[];
  readonly cooldownSeconds: number;
  readonly resultCount: number;
  readonly apiUrl: string | undefined;
  /** Minutes between checks for new articles while the bot runs; 0 = never. */
  readonly feedPollMinutes: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function parse<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new UserError(
    `Invalid configuration:\n${problems.join('\n')}\nFix these variables in .env (see .env.example).`,
  );
}

function originOf(
  flagName: string,
  flag: string | undefined,
  envName: string,
  env: string | undefined,
  fallback: string | undefined,
): SettingOrigin {
  if (flag !== undefined) return { from: 'flag', name: flagName, value: flag };
  if (env !== undefined) return { from: 'env', name: envName, value: env };
  return { from: 'default', value: fallback };
}

/**
 * Reads the settings every entry point needs. Relative paths are resolved against `cwd`.
 * `flags` (`--data`, `--index`, `--model`) override their variable and are remembered as such.
 */
export function loadCoreConfig(
  env: Env = process.env,
  cwd = process.cwd(),
  flags: CoreFlags = {},
): CoreConfig {
  const raw = parse(coreSchema, env);
  const origins: SettingOrigins = {
    dataDir: originOf('--data', flags.data, 'DATA_DIR', raw.DATA_DIR, 'data/articles'),
    indexDir: originOf('--index', flags.index, 'INDEX_DIR', raw.INDEX_DIR, 'data/index'),
    embeddingModel: originOf(
      '--model',
      flags.model,
      'EMBEDDING_MODEL',
      raw.EMBEDDING_MODEL,
      undefined,
    ),
  };
  return Object.freeze({
    dataDir: path.resolve(cwd, origins.dataDir.value ?? 'data/articles'),
    indexDir: path.resolve(cwd, origins.indexDir.value ?? 'data/index'),
    embeddingModel: origins.embeddingModel.value,
    modelCacheDir: path.resolve(cwd, raw.MODEL_CACHE_DIR ?? '.cache/models'),
    hubTimeoutMs: raw.HUB_TIMEOUT_MS,
    origins: Object.freeze(origins),
    feedsFile: path.resolve(cwd, raw.FEEDS_FILE ?? 'data/feeds.txt'),
  });
}

/**
 * How to name a setting in a message, as the user gave it: `--index myidx`, `INDEX_DIR=myidx`,
 * or for a default the `fallback` words (e.g. "the default index folder data/index").
 */
export function describeOrigin(origin: SettingOrigin | undefined, fallback: string): string {
  if (origin === undefined || origin.from === 'default') return fallback;
  return origin.from === 'flag'
    ? `${origin.name} ${origin.value}`
    : `${origin.name}=${origin.value}`;
}

/** Reads the bot's settings; fails with instructions when the token is missing. */
export function loadDiscordConfig(env: Env = process.env, cwd = process.cwd()): DiscordConfig {
  const core = loadCoreConfig(env, cwd);
  const raw = parse(discordSchema, env);
  if (raw.DISCORD_TOKEN === undefined) {
    throw new UserError(
      [
        'DISCORD_TOKEN is not set.',
        '1. Create an application and a bot at https://discord.com/developers/applications',
        '2. Copy .env.example to .env and paste the bot token after DISCORD_TOKEN=',
        '3. Run `npm run register` once, then `npm start`.',
        'To try coverage-bot without Discord: npm run ask -- "your question"',
      ].join('\n'),
    );
  }
  return Object.freeze({
    ...core,
    token: raw.DISCORD_TOKEN,
    guildId: raw.DISCORD_GUILD_ID,
    askChannelIds: Object.freeze(raw.ASK_CHANNEL_IDS),
    cooldownSeconds: raw.ASK_COOLDOWN_SECONDS,
    resultCount: raw.ASK_RESULT_COUNT,
    apiUrl: raw.DISCORD_API_URL,
    feedPollMinutes: raw.FEED_POLL_MINUTES,
  });
}

/** Settings of fetching from the web (`npm run fetch`, `npm run add`, the bot's poller). */
export interface FetchConfig extends CoreConfig {
  /** Allow private, loopback and link-local addresses (off: a pasted URL cannot probe the LAN). */
  readonly allowPrivateUrls: boolean;
}

/** Reads the fetch settings (`feedsFile` is the core's). Relative paths resolve against `cwd`. */
export function loadFetchConfig(
  env: Env = process.env,
  cwd = process.cwd(),
  flags: CoreFlags = {},
): FetchConfig {
  const core = loadCoreConfig(env, cwd, flags);
  const raw = parse(fetchSchema, env);
  return Object.freeze({ ...core, allowPrivateUrls: raw.ALLOW_PRIVATE_URLS });
}

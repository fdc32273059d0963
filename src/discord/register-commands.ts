import { DiscordAPIError, REST, Routes } from 'discord.js';
import type { RESTGetCurrentApplicationResult } from 'discord.js';
import type { DiscordConfig } from '../config.js';
import { UserError } from '../errors.js';
import type { Command } from './command.js';

/** Where the commands went. */
export interface RegisterResult {
  readonly applicationId: string;
  /** `guild <id>` or `global`. */
  readonly scope: string;
  readonly count: number;
}

/**
 * Registers the slash commands with one bulk-overwrite PUT: running it again replaces the
 * set with the same set, so it is idempotent, and commands removed from the code disappear.
 * Guild commands (DISCORD_GUILD_ID) update at once; global ones may take up to an hour.
 * Uses REST only — no gateway connection, no intents.
 */
export async function registerCommands(
  config: Pick<DiscordConfig, 'token' | 'guildId' | 'apiUrl'>,
  commands: readonly Command[],
): Promise<RegisterResult> {
  const rest = new REST(config.apiUrl === undefined ? {} : { api: config.apiUrl }).setToken(
    config.token,
  );
  try {
    const application = (await rest.get(
      Routes.currentApplication(),
    )) as RESTGetCurrentApplicationResult;
    const route =
      config.guildId === undefined
        ? Routes.applicationCommands(application.id)
        : Routes.applicationGuildCommands(application.id, config.guildId);
    const registered = (await rest.put(route, {
      body: commands.map((command) => command.data),
    })) as unknown[];
    return {
      applicationId: application.id,
      scope: config.guildId === undefined ? 'global' : `guild ${config.guildId}`,
      count: registered.length,
    };
  } catch (error) {
    throw explainRegisterError(error, config.guildId);
  }
}

function explainRegisterError(error: unknown, guildId: string | undefined): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.status === 401) {
    return new UserError(
      'Discord rejected DISCORD_TOKEN. Copy a fresh token from the Developer Portal → your app → Bot → Reset Token into .env.',
    );
  }
  if (error.status === 403 && guildId !== undefined) {
    return new UserError(
      `The bot may not add commands to guild ${guildId}. Invite it with the "bot" and "applications.commands" scopes, or check DISCORD_GUILD_ID.`,
    );
  }
  return error;
}

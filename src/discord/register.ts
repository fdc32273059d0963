/**
 * `npm run register`: registers the slash commands (to DISCORD_GUILD_ID when set, else
 * globally). Safe to run any number of times.
 */
import dotenv from 'dotenv';
import { loadDiscordConfig } from '../config.js';
import { isUserError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { commands } from './commands/index.js';
import { describeConnectionFailure } from './failures.js';
import { registerCommands } from './register-commands.js';

dotenv.config({ quiet: true });
let apiUrl: string | undefined;
try {
  const config = loadDiscordConfig();
  apiUrl = config.apiUrl;
  const result = await registerCommands(config, commands);
  stderrLogger.info(
    `Registered ${result.count} commands (${result.scope}) for application ${result.applicationId}.` +
      (config.guildId === undefined ? ' Global commands can take up to an hour to appear.' : ''),
  );
} catch (error) {
  const unreachable = describeConnectionFailure(error, apiUrl);
  if (isUserError(error)) stderrLogger.error(error.message);
  else if (unreachable !== undefined) stderrLogger.error(unreachable);
  else stderrLogger.error('registering the commands failed', error);
  process.exitCode = 1;
}

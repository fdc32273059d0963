import type { Command } from '../command.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { coverage } from './coverage.js';
import { help } from './help.js';
import { sources } from './sources.js';

/** Every slash command, as registered by `npm run register` and handled by the bot. */
export const commands: readonly Command[] = [ask, sources, about, help, coverage];

/** Commands by name, for dispatch. */
export function commandsByName(list: readonly Command[] = commands): ReadonlyMap<string, Command> {
  return new Map(list.map((command) => [command.data.name, command]));
}

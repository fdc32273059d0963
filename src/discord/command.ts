import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AddPageResult } from '../app/add-page.js';
import type { Coverage } from '../app/coverage.js';
import type { Logger } from '../log.js';
import type { AnswerPages } from './answer-pages.js';
import type { Cooldown } from './cooldown.js';
import type { TaskQueue } from './task-queue.js';

/** Settings of the bot's behaviour, from `DiscordConfig`. */
export interface BotSettings {
  /** Results per page when the user gives no `count`. */
  readonly resultCount: number;
  /** Seconds between two questions of one user. */
  readonly cooldownSeconds: number;
  /** Channels where plain questions are answered. */
  readonly askChannelIds: readonly string[];
  /** The bot's version, for `/about`. */
  readonly version: string;
}

/** What every handler needs, created once at start-up and passed in. */
export interface BotContext {
  readonly coverage: Coverage;
  readonly log: Logger;
  readonly settings: BotSettings;
  readonly cooldown: Cooldown;
  readonly queue: TaskQueue;
  readonly pages: AnswerPages;
  /** Milliseconds clock, for the "time taken" footer. */
  readonly now: () => number;
  /** `/coverage add`: fetches a page and refreshes the coverage; absent when not set up. */
  readonly addPage?: (url: string) => Promise<AddPageResult>;
}

/** One slash command: its registration data and its handler. */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../answer-question.js';
import type { BotSettings, Command } from '../command.js';
import { replyEphemeral } from '../respond.js';
import { MAX_COUNT } from './ask.js';

/** The `/help` text; mentions channel mode only where it is configured. */
export function helpText(settings: BotSettings): string {
  const lines = [
    '**coverage-bot** answers questions about its news articles with quotes from them.',
    '',
    `• \`/ask question:<text>\` — up to ${MAX_QUESTION_LENGTH} characters. Optional: \`source\` (one article or outlet), \`count\` (1–${MAX_COUNT} results per page). Press **More** for further results.`,
    '• `/sources` — the articles, newest first, with outlet, date and link.',
    '• `/about` — how many articles, which model, when last updated.',
    '• `/coverage add url:<link>` — (Manage Server) add an article from its link, or a feed’s new items.',
    '• Mention the bot with a question in any channel it can read, and it replies there.',
  ];
  if (settings.askChannelIds.length > 0) {
    lines.push(
      `• In ${settings.askChannelIds.map((id) => `<#${id}>`).join(', ')}, plain questions (ending in "?") are answered too.`,
    );
  }
  lines.push(
    '',
    `One question every ${settings.cooldownSeconds} s per person. Answers quote the articles verbatim; "The coverage doesn't say" means no article answers it.`,
  );
  return lines.join('\n');
}

/** `/help`: how to use the bot (only the asker sees it). */
export const help = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('How to use coverage-bot')
    .toJSON(),
  async execute(interaction, context) {
    await replyEphemeral(interaction, helpText(context.settings));
  },
} satisfies Command;

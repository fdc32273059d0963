import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { replyWithView } from '../respond.js';
import { buildSourcesView } from '../sources-view.js';

/** `/sources [page]`: the articles the bot quotes from, paged. */
export const sources = {
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the articles the bot quotes from')
    .addIntegerOption((option) =>
      option.setName('page').setDescription('Page number').setMinValue(1),
    )
    .toJSON(),

  async execute(interaction, context) {
    const page = (interaction.options.getInteger('page') ?? 1) - 1;
    await replyWithView(interaction, buildSourcesView(context.coverage.sources(), page));
  },
} satisfies Command;

import { SlashCommandBuilder } from 'discord.js';
import type { APIEmbed } from 'discord.js';
import type { CoverageInfo } from '../../app/coverage.js';
import type { Command } from '../command.js';
import { replyWithView } from '../respond.js';
import { safeInline } from '../safety.js';

/** The `/about` embed: corpus size, passages, model, last ingest, version. */
export function buildAboutEmbed(info: CoverageInfo, version: string): APIEmbed {
  const builtAt = Date.parse(info.builtAt);
  return {
    title: 'About coverage-bot',
    description:
      'Answers questions about a collection of news articles with quoted, sourced excerpts.',
    fields: [
      { name: 'Articles', value: String(info.articles), inline: true },
      { name: 'Passages', value: String(info.passages), inline: true },
      { name: 'Outlets', value: String(info.outlets), inline: true },
      {
        name: 'Model',
        value: `${safeInline(info.model.id)} (${info.model.dimensions} dimensions)`,
      },
      {
        name: 'Last ingest',
        // <t:…:f> shows the time in each reader's own time zone.
        value: Number.isNaN(builtAt)
          ? safeInline(info.builtAt)
          : `<t:${Math.floor(builtAt / 1000)}:f>`,
        inline: true,
      },
      { name: 'Version', value: safeInline(version), inline: true },
    ],
  };
}

/** `/about`: what the bot knows and which version runs. */
export const about = {
  data: new SlashCommandBuilder()
    .setName('about')
    .setDescription('What the bot knows: articles, model, last update')
    .toJSON(),
  async execute(interaction, context) {
    const embed = buildAboutEmbed(context.coverage.info(), context.settings.version);
    await replyWithView(interaction, { content: '', embeds: [embed], components: [] });
  },
} satisfies Command;

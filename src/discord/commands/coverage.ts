import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { AddPageResult } from '../../app/add-page.js';
import { parsePageUrl } from '../../app/add-page.js';
import { isUserError } from '../../errors.js';
import { sourcesSummary } from '../../present/sources-text.js';
import type { SourceRef } from '../../retrieve/answer-types.js';
import { sourceLine } from '../answer-embeds.js';
import type { Command } from '../command.js';
import { DISCORD_LIMITS, truncate } from '../limits.js';
import { NO_MENTIONS, replyEphemeral } from '../respond.js';
import { safeInline } from '../safety.js';

/** The reply once a page was added: what it is, and whether the bot can quote it yet. */
export function describeAddedPage(result: AddPageResult, sources: readonly SourceRef[]): string {
  const { article, refresh } = result;
  const line = sourceLine({ id: article.url ?? article.title, ...article }).replace(/^— /, '');
  const status =
    refresh.outcome === 'swapped' || refresh.outcome === 'unchanged'
      ? `The bot can quote it now: ${sourcesSummary(sources)}.`
      : 'It is in the archive, but updating the index failed; the next check will retry.';
  return truncate(`Added to the coverage: ${line}\n${status}`, DISCORD_LIMITS.content);
}

/**
 * `/coverage add url:` — adds a web page to the coverage, or a feed's new items (given a
 * feed, or a front page that links one); Discord shows new descriptions after `npm run
 * register`. Only for members with the Manage Server permission: Discord hides it from others
 * by default, and the handler checks again, since server admins can change who sees a
 * command. Replies privately.
 */
export const coverage = {
  data: new SlashCommandBuilder()
    .setName('coverage')
    .setDescription('Manage the coverage (Manage Server permission)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add an article from its link, or the new items of a feed or front page')
        .addStringOption((option) =>
          option
            .setName('url')
            .setDescription(
              'A link to an article, a feed, or a front page, e.g. https://example.com/news/story',
            )
            .setRequired(true)
            .setMaxLength(2_000),
        ),
    )
    .toJSON(),

  async execute(interaction, context) {
    if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
      return replyEphemeral(
        interaction,
        'Only members with the Manage Server permission can add pages to the coverage.',
      );
    }
    if (context.addPage === undefined) {
      return replyEphemeral(
        interaction,
        'Adding pages is not set up on this bot. Its owner can add articles to the data folder or feeds to the feeds file.',
      );
    }
    const text = interaction.options.getString('url', true);
    try {
      parsePageUrl(text);
    } catch (error) {
      if (isUserError(error)) return replyEphemeral(interaction, error.message);
      throw error;
    }
    // Fetching and ingesting take seconds: acknowledge within Discord's 3 s first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let content: string;
    try {
      const result = await context.addPage(text);
      content = describeAddedPage(result, context.coverage.sources());
      context.log.info(
        `/coverage add by ${interaction.user.id}: ${text} (${result.refresh.outcome})`,
      );
    } catch (error) {
      if (!isUserError(error)) throw error;
      // The reason may quote the page's server ("HTTP 500 <its status text>"): escaped, so a
      // server cannot put a masked link or a heading into the admin's reply.
      content = truncate(
        `Could not add ${safeInline(text)}: ${safeInline(error.message)}`,
        DISCORD_LIMITS.content,
      );
    }
    await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  },
} satisfies Command;

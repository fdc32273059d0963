import type { ButtonInteraction, Interaction } from 'discord.js';
import { buildAnswerView } from './answer-embeds.js';
import { pageButtonId, parsePageButtonId } from './answer-pages.js';
import type { BotContext, Command } from './command.js';
import { describeFailure } from './failures.js';
import { replyEphemeral, sendEphemeralFailure, updateWithView } from './respond.js';
import { buildSourcesView, parseSourcesButtonId } from './sources-view.js';

/**
 * Routes one interaction (slash command, autocomplete, button) to its handler. Never
 * throws: a failure is logged and answered with an ephemeral message, so one bad request
 * cannot crash the bot or leave the user with "The application did not respond".
 */
export async function handleInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  context: BotContext,
): Promise<void> {
  const what = describeInteraction(interaction);
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (command === undefined) {
        await replyEphemeral(
          interaction,
          'I do not know that command any more. The bot owner should run `npm run register`.',
        );
        return;
      }
      await command.execute(interaction, context);
    } else if (interaction.isAutocomplete()) {
      await commands.get(interaction.commandName)?.autocomplete?.(interaction, context);
    } else if (interaction.isButton()) {
      await handleButton(interaction, context);
    }
  } catch (error) {
    const message = describeFailure(error, context.log, what);
    if (!interaction.isRepliable()) return;
    try {
      await sendEphemeralFailure(interaction, message);
    } catch (sendError) {
      // The interaction may have expired (15 min) or Discord may be down: log, don't crash.
      context.log.error(`${what}: could not send the failure notice`, sendError);
    }
  }
}

async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const paging = parsePageButtonId(interaction.customId);
  if (paging !== undefined) {
    const stored = context.pages.get(paging.key);
    if (stored === undefined) {
      await replyEphemeral(interaction, 'This answer has expired — please ask again with `/ask`.');
      return;
    }
    if (stored.askerId !== interaction.user.id) {
      await replyEphemeral(
        interaction,
        'Only the person who asked can page through this answer. Ask your own with `/ask`.',
      );
      return;
    }
    await updateWithView(
      interaction,
      buildAnswerView(stored.answer, {
        page: paging.page,
        pageSize: stored.pageSize,
        elapsedMs: stored.elapsedMs,
        coverageAsOf: stored.coverageAsOf,
        pageButtonId: (page) => pageButtonId(paging.key, page),
      }),
    );
    return;
  }
  const sourcesPage = parseSourcesButtonId(interaction.customId);
  if (sourcesPage !== undefined) {
    await updateWithView(interaction, buildSourcesView(context.coverage.sources(), sourcesPage));
    return;
  }
  context.log.warn(`unknown button ${JSON.stringify(interaction.customId)}`);
  await replyEphemeral(interaction, 'This button no longer works. Please run the command again.');
}

function describeInteraction(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    return `/${interaction.commandName} by ${interaction.user.id}`;
  }
  if (interaction.isButton()) return `button ${interaction.customId} by ${interaction.user.id}`;
  return `interaction ${interaction.id}`;
}

import { MessageFlags } from 'discord.js';
import type {
  ButtonInteraction,
  Message,
  MessageMentionOptions,
  RepliableInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, truncate } from './limits.js';
import { defuseMentions } from './safety.js';
import type { ReplyView } from './answer-embeds.js';

/**
 * Every message the bot sends or edits goes through this module, so that every one carries
 * `allowedMentions: { parse: [] }`: quoted articles and questions may contain `@everyone`
 * or `<@id>`, and Discord pings whatever the content mentions unless told not to. Replies
 * to a message do not ping its author either (`repliedUser: false`).
 */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({
  parse: [],
  repliedUser: false,
}) as MessageMentionOptions;

/** Our own short notice (cooldown, validation, help), fitted to the content limit. */
function notice(content: string): string {
  return truncate(content, DISCORD_LIMITS.content);
}

/** Answers an interaction with a message only its user sees. */
export async function replyEphemeral(
  interaction: RepliableInteraction,
  content: string,
): Promise<void> {
  await interaction.reply({
    content: notice(content),
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** Replaces the deferred "thinking…" reply of an interaction with `view`. */
export async function editWithView(
  interaction: RepliableInteraction,
  view: ReplyView,
): Promise<void> {
  await interaction.editReply({ ...view, allowedMentions: NO_MENTIONS });
}

/** Replies publicly at once (for commands fast enough not to need a deferral). */
export async function replyWithView(
  interaction: RepliableInteraction,
  view: ReplyView,
): Promise<void> {
  await interaction.reply({ ...view, allowedMentions: NO_MENTIONS });
}

/** Replaces the message a button belongs to (paging). */
export async function updateWithView(
  interaction: ButtonInteraction,
  view: ReplyView,
): Promise<void> {
  await interaction.update({ ...view, allowedMentions: NO_MENTIONS });
}

/** Replies to a channel message with `view`. */
export async function replyToMessage(message: Message, view: ReplyView): Promise<void> {
  await message.reply({ ...view, allowedMentions: NO_MENTIONS });
}

/** Replies to a channel message with a short notice. */
export async function replyToMessageWithNotice(message: Message, content: string): Promise<void> {
  await message.reply({ content: notice(defuseMentions(content)), allowedMentions: NO_MENTIONS });
}

/**
 * Tells the user something went wrong, privately. When the interaction was already deferred
 * publicly, the "thinking…" placeholder is removed and the notice sent as an ephemeral
 * follow-up, so nobody else sees an error that concerns one user.
 */
export async function sendEphemeralFailure(
  interaction: RepliableInteraction,
  content: string,
): Promise<void> {
  // Error messages may echo user input (a source name): defuse mentions in them.
  const payload = {
    content: notice(defuseMentions(content)),
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  } as const;
  if (interaction.deferred || interaction.replied) {
    await interaction.followUp(payload);
    if (interaction.deferred && !interaction.ephemeral) await interaction.deleteReply();
    return;
  }
  await interaction.reply(payload);
}

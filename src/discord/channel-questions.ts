import type { Message } from 'discord.js';
import { answerQuestion, checkQuestion, cooldownNotice } from './answer-question.js';
import type { BotContext } from './command.js';
import { describeFailure } from './failures.js';
import { replyToMessage, replyToMessageWithNotice } from './respond.js';

/** What the bot knows about a channel message, to decide whether to answer it. */
export interface ChannelMessageFacts {
  readonly content: string;
  readonly botId: string;
  /** The message mentions the bot (a user mention, not @everyone or a role). */
  readonly mentionsBot: boolean;
  /** The channel is one of ASK_CHANNEL_IDS. */
  readonly inAskChannel: boolean;
}

const QUESTION_START =
  /^(who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b/i;

/** True when `text` reads like a question: it ends in "?" or starts like one. */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('?') || QUESTION_START.test(trimmed);
}

/**
 * The question in a channel message, or undefined when the bot should stay silent: a
 * mention is always addressed to the bot (even when empty: it then gets help); in an ask
 * channel only messages that read like questions are, so chatter there is left alone.
 */
export function channelQuestion(facts: ChannelMessageFacts): string | undefined {
  const withoutMention = facts.content
    .replace(new RegExp(`<@!?${facts.botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (facts.mentionsBot) return withoutMention;
  if (facts.inAskChannel && looksLikeQuestion(withoutMention)) return withoutMention;
  return undefined;
}

/**
 * Answers a channel message when it is addressed to the bot, replying to it with the same
 * answer `/ask` gives. Never throws (see handleInteraction).
 */
export async function handleMessage(message: Message, context: BotContext): Promise<void> {
  const botId = message.client.user.id;
  if (message.author.bot || message.author.id === botId) return;
  const receivedAt = context.now();
  const mentionsBot = message.mentions.users.has(botId);
  const question = channelQuestion({
    content: message.content,
    botId,
    mentionsBot,
    inAskChannel: context.settings.askChannelIds.includes(message.channelId),
  });
  if (question === undefined) return;
  const what = `message ${message.id} by ${message.author.id}`;
  try {
    const check = checkQuestion(question);
    if (!check.ok) {
      await replyToMessageWithNotice(
        message,
        question === ''
          ? 'Ask me a question after the mention, e.g. "@coverage-bot What did Vance say?"'
          : check.message,
      );
      return;
    }
    const verdict = context.cooldown.take(message.author.id);
    if (!verdict.ok) {
      // In an ask channel, replying to every early message would be noise; a direct
      // mention deserves an answer though.
      if (mentionsBot)
        await replyToMessageWithNotice(message, cooldownNotice(verdict.retryAfterMs));
      return;
    }
    const view = await answerQuestion(context, {
      question: check.question,
      count: context.settings.resultCount,
      askerId: message.author.id,
      key: message.id,
      receivedAt,
    });
    await replyToMessage(message, view);
  } catch (error) {
    const notice = describeFailure(error, context.log, what);
    try {
      await replyToMessageWithNotice(message, notice);
    } catch (sendError) {
      context.log.error(`${what}: could not send the failure notice`, sendError);
    }
  }
}

import { SlashCommandBuilder } from 'discord.js';
import {
  answerQuestion,
  checkQuestion,
  cooldownNotice,
  MAX_QUESTION_LENGTH,
} from '../answer-question.js';
import type { Command } from '../command.js';
import { DISCORD_LIMITS, truncate } from '../limits.js';
import { editWithView, replyEphemeral } from '../respond.js';

/** Most results per page a user may ask for (5 embeds keep a reply readable on a phone). */
export const MAX_COUNT = 5;

/** `/ask question:<text> [source:<article or outlet>] [count:1–5]`. */
export const ask = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the news coverage a question; get quoted, sourced excerpts')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question, e.g. "What concessions did Russia make?"')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addStringOption((option) =>
      option
        .setName('source')
        .setDescription('Only quote this article or outlet')
        .setAutocomplete(true),
    )
    .addIntegerOption((option) =>
      option
        .setName('count')
        .setDescription(`How many results per page (1–${MAX_COUNT})`)
        .setMinValue(1)
        .setMaxValue(MAX_COUNT),
    )
    .toJSON(),

  async execute(interaction, context) {
    const receivedAt = context.now();
    const check = checkQuestion(interaction.options.getString('question', true));
    if (!check.ok) return replyEphemeral(interaction, check.message);
    const verdict = context.cooldown.take(interaction.user.id);
    if (!verdict.ok) return replyEphemeral(interaction, cooldownNotice(verdict.retryAfterMs));

    // Discord drops an interaction not acknowledged within 3 s; answering may take longer
    // when the queue is busy, so acknowledge first and edit the answer in afterwards.
    await interaction.deferReply();
    const count = Math.min(
      MAX_COUNT,
      Math.max(1, interaction.options.getInteger('count') ?? context.settings.resultCount),
    );
    const source = interaction.options.getString('source')?.trim();
    const view = await answerQuestion(context, {
      question: check.question,
      count,
      ...(source === undefined || source === '' ? {} : { source }),
      askerId: interaction.user.id,
      key: interaction.id,
      receivedAt,
    });
    await editWithView(interaction, view);
  },

  async autocomplete(interaction, context) {
    const typed = interaction.options.getFocused().trim().toLowerCase();
    const outletChoices = context.coverage.outlets().map((outlet) => ({
      name: `${outlet} (every article)`,
      value: outlet,
    }));
    const articleChoices = context.coverage.sources().map((source) => ({
      name: source.outlet === undefined ? source.title : `${source.outlet} — ${source.title}`,
      value: source.id,
    }));
    const choices = [...outletChoices, ...articleChoices]
      .filter((choice) => choice.value.length <= DISCORD_LIMITS.choiceValue)
      .filter(
        (choice) =>
          typed === '' ||
          choice.name.toLowerCase().includes(typed) ||
          choice.value.toLowerCase() === typed,
      )
      .slice(0, DISCORD_LIMITS.choices)
      .map((choice) => ({
        name: truncate(choice.name, DISCORD_LIMITS.choiceName),
        value: choice.value,
      }));
    await interaction.respond(choices);
  },
} satisfies Command;

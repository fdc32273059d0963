import { describe, expect, it } from 'vitest';
import { checkQuestion } from '../../src/discord/answer-question.js';
import { channelQuestion, looksLikeQuestion } from '../../src/discord/channel-questions.js';
import { helpText } from '../../src/discord/commands/help.js';

const botId = '900000000000000001';

describe('channelQuestion', () => {
  it('GIVEN a mention THEN the question is the text without the mention', () => {
    expect(
      channelQuestion({
        content: `<@${botId}> what did Vance say`,
        botId,
        mentionsBot: true,
        inAskChannel: false,
      }),
    ).toBe('what did Vance say');
    expect(
      channelQuestion({
        content: `hey <@!${botId}>, is it over?`,
        botId,
        mentionsBot: true,
        inAskChannel: false,
      }),
    ).toBe('hey , is it over?');
  });

  it('GIVEN an ask channel THEN only questions are taken', () => {
    expect(
      channelQuestion({
        content: 'Did Russia concede?',
        botId,
        mentionsBot: false,
        inAskChannel: true,
      }),
    ).toBe('Did Russia concede?');
    expect(
      channelQuestion({ content: 'lol', botId, mentionsBot: false, inAskChannel: true }),
    ).toBeUndefined();
  });

  it('GIVEN neither a mention nor an ask channel THEN the bot stays silent', () => {
    expect(
      channelQuestion({
        content: 'What happened?',
        botId,
        mentionsBot: false,
        inAskChannel: false,
      }),
    ).toBeUndefined();
  });

  it('GIVEN question-like text THEN looksLikeQuestion says so', () => {
    expect(looksLikeQuestion('who met Putin')).toBe(true);
    expect(looksLikeQuestion('Peace at last?')).toBe(true);
    expect(looksLikeQuestion('howdy all')).toBe(false);
  });
});

describe('checkQuestion', () => {
  it('GIVEN an empty, a long and a fine question THEN it rejects, rejects and accepts (whitespace squeezed)', () => {
    expect(checkQuestion('  \n ')).toMatchObject({ ok: false });
    expect(checkQuestion('x'.repeat(501))).toMatchObject({
      ok: false,
      message: expect.stringContaining('501 characters'),
    });
    expect(checkQuestion('  What   happened? ')).toEqual({ ok: true, question: 'What happened?' });
  });
});

describe('helpText', () => {
  it('GIVEN ask channels THEN help names them; without, it does not', () => {
    const base = { resultCount: 3, cooldownSeconds: 10, version: '1' };
    expect(helpText({ ...base, askChannelIds: ['123456789012345678'] })).toContain(
      '<#123456789012345678>',
    );
    expect(helpText({ ...base, askChannelIds: [] })).not.toContain('<#');
  });
});

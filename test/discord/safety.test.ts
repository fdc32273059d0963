import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defuseMentions,
  escapeMarkdown,
  renderQuote,
  safeInline,
} from '../../src/discord/safety.js';

/** Removes Discord's backslash escapes: what a reader sees of escaped text. */
const unescape = (text: string) => text.replace(/\\([^0-9A-Za-z\s])/g, '$1');

describe('escapeMarkdown', () => {
  it('GIVEN markdown THEN every marker is escaped', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ~~s~~ ||spoiler|| [l](u) <t:1>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\[l\\](u) \\<t:1\\>',
    );
  });

  it('GIVEN line starts that make lists, headings or quotes THEN they are escaped', () => {
    expect(escapeMarkdown('# Title\n- item\n1. first\n> quoted\n-# small')).toBe(
      '\\# Title\n\\- item\n1\\. first\n\\> quoted\n\\-\\# small',
    );
  });

  it('GIVEN any text THEN the reader sees exactly the original text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(unescape(escapeMarkdown(text))).toBe(text);
      }),
    );
  });

  it('GIVEN a backslash before a marker THEN the marker stays escaped', () => {
    expect(escapeMarkdown('\\*not italic*')).toBe('\\\\\\*not italic\\*');
  });
});

describe('defuseMentions', () => {
  it('GIVEN @everyone, @here and <@id> mentions THEN none of them remains a mention', () => {
    const defused = defuseMentions(
      '@everyone @HERE <@123456789012345678> <@!123> <@&456> <#789> </cmd:1>',
    );
    expect(defused).not.toMatch(/@(everyone|here)/i);
    expect(defused).not.toMatch(/<[@#/]/);
    expect(defused.replace(/\u200b/g, '')).toBe(
      '@everyone @HERE <@123456789012345678> <@!123> <@&456> <#789> </cmd:1>',
    );
  });

  it('GIVEN any text THEN safeInline output holds no mention syntax', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('@', 'everyone', 'here', '<', '@&', '#', '1234', ' ', '\\', '>'), {
          maxLength: 30,
        }),
        (parts) => {
          const safe = safeInline(parts.join(''));
          expect(safe).not.toMatch(/@(everyone|here)/i);
          expect(safe).not.toMatch(/<[@#]/);
        },
      ),
    );
  });
});

describe('renderQuote', () => {
  it('GIVEN multi-line text with a bold run across lines THEN every line is quoted and bold never spans lines', () => {
    const quote = renderQuote([
      { text: 'Intro. ', bold: false },
      { text: 'Key line one\nkey line two', bold: true },
      { text: '\n\nOutro *x*', bold: false },
    ]);
    expect(quote).toBe('> Intro. **Key line one**\n> **key line two**\n> Outro \\*x\\*');
  });

  it('GIVEN text that tries to leave the quote THEN every line still starts with "> "', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 100 }), (plain, bold) => {
        const quote = renderQuote([
          { text: plain, bold: false },
          { text: bold, bold: true },
        ]);
        if (quote === '') return;
        for (const line of quote.split('\n')) expect(line.startsWith('> ')).toBe(true);
      }),
    );
  });
});

describe('bidirectional controls', () => {
  it('GIVEN a title or a quote with a right-to-left override or isolate THEN it is removed, marks stay', () => {
    expect(safeInline('Vote\u202e 42-80-5202 \u2066x\u2069')).toBe('Vote 42-80-5202 x');
    expect(safeInline('\u200fשלום\u200e')).toBe('\u200fשלום\u200e');
    expect(
      renderQuote([
        { text: 'Quoted \u202dtext ', bold: false },
        { text: 'bold\u202e part', bold: true },
      ]),
    ).toBe('> Quoted text **bold part**');
  });
});

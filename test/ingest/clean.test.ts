import { describe, expect, it } from 'vitest';
import { cleanArticleText } from '../../src/ingest/clean.js';
import { bbcBody, bbcSample, seedIds, seedText } from './corpus.js';

const paragraphsOf = (text: string) => text.split('\n\n');

describe('cleanArticleText', () => {
  it('GIVEN seed 004 THEN the syndication footer, author box and comment form are gone', () => {
    const cleaned = cleanArticleText(seedText('004_a514caadb58b602a'));
    expect(cleaned).not.toMatch(/appeared first on/);
    expect(cleaned).not.toMatch(/About Author|Leave a Reply|email address will not be published/);
    expect(cleaned.endsWith('will dictate the terms of peace.')).toBe(true);
  });

  it('GIVEN seed 003 THEN post navigation is gone AND the At a Glance block stays', () => {
    const cleaned = cleanArticleText(seedText('003_efa5e7b2b96a8913'));
    expect(cleaned).not.toMatch(/Previous article|Next article|COURT BLITZ|Marathon GLORY/);
    expect(cleaned).toContain('At a Glance\n\n• Vance advocates direct dialogue');
    expect(cleaned.endsWith('skepticism regarding the success of negotiations remains.')).toBe(
      true,
    );
  });

  it('GIVEN any seed THEN every paragraph of reporting is kept verbatim and in order', () => {
    const furniture =
      /^(The post .* appeared first on|About Author|Leave a Reply|Your email address|Previous article|Next article)/;
    for (const id of seedIds) {
      const raw = seedText(id);
      const expected = raw
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !furniture.test(line));
      expect(paragraphsOf(cleanArticleText(raw)), id).toEqual(expected);
    }
  });

  it('GIVEN furniture from other sites THEN the same rules remove it', () => {
    const raw = [
      'The mayor opened the bridge on Friday.',
      'Share on Facebook | Share on Twitter | Email',
      'Subscribe to our newsletter for daily updates.',
      'Advertisement',
      'Read more: Mayor promises second bridge',
      'Traffic is expected to ease by spring.',
      'The post Mayor opens bridge appeared first on Riverside Gazette.',
      'Jane Doe is a staff writer who covers city hall.',
    ].join('\n\n');
    expect(cleanArticleText(raw)).toBe(
      'The mayor opened the bridge on Friday.\n\nTraffic is expected to ease by spring.',
    );
  });

  it('GIVEN share rows with and without separators THEN they go; GIVEN 50 paragraphs of network names that are no row THEN they stay, read in linear time', () => {
    const rows = [
      'Share Tweet Email',
      'FacebookTwitter',
      'Twitter x Facebook',
      'Share on X , Email this article',
    ];
    expect(cleanArticleText(['Story.', ...rows].join('\n\n'))).toBe('Story.');
    // Each of these took 7 s to reject (the space after a name could go two ways): 6 minutes.
    const hostile = Array.from({ length: 50 }, (_, i) => `${'twitter '.repeat(58)}! ${i}`);
    const started = performance.now();
    expect(cleanArticleText(hostile.join('\n\n'))).toBe(hostile.join('\n\n'));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('GIVEN reporting that starts like furniture THEN it is kept', () => {
    const raw = [
      'Share prices fell 5% on Monday.',
      'Subscribe? The chairman said few people would.',
      'Next post-season game is on Sunday.',
      'Related parties were paid $3m, the report said.',
      'About 200 authors signed the letter.',
    ].join('\n\n');
    expect(cleanArticleText(raw)).toBe(raw);
  });

  it('GIVEN an exact repeated paragraph THEN the repeat is dropped, a short repeat is kept', () => {
    const long = 'Vance said Russia had made significant concessions in the talks.';
    const raw = [long, '“No.”', 'Officials disagreed.', long, '“No.”'].join('\n');
    expect(paragraphsOf(cleanArticleText(raw))).toEqual([
      long,
      '“No.”',
      'Officials disagreed.',
      '“No.”',
    ]);
  });

  it('GIVEN decomposed accents, odd spaces and CRLF THEN the text is NFC with single spaces', () => {
    const raw = 'Cafe\u0301  owner\u00A0said\t“yes”.\r\n\r\n\u200BSecond   paragraph.\r\n';
    const cleaned = cleanArticleText(raw);
    expect(cleaned).toBe('Café owner said “yes”.\n\nSecond paragraph.');
    expect(cleaned.normalize('NFC')).toBe(cleaned);
  });

  it('GIVEN hard-wrapped lines THEN they join, while list items and headings stay apart', () => {
    const raw = [
      'The minister said the plan would',
      'cost less than expected, and',
      'that it would start in May.',
      'Key points',
      '- lower taxes',
      '- more trains',
    ].join('\n');
    expect(paragraphsOf(cleanArticleText(raw))).toEqual([
      'The minister said the plan would cost less than expected, and that it would start in May.',
      'Key points',
      '- lower taxes',
      '- more trains',
    ]);
  });

  it('GIVEN only furniture or nothing THEN the result is empty', () => {
    expect(cleanArticleText('')).toBe('');
    expect(cleanArticleText(' \n\t\n')).toBe('');
    expect(cleanArticleText('Leave a Reply\n\nYour email address will not be published.')).toBe('');
  });

  it.skipIf(bbcSample.length === 0)(
    'GIVEN BBC articles (no furniture) THEN every paragraph survives cleaning',
    () => {
      for (const file of bbcSample) {
        const body = bbcBody(file);
        const expected = body
          .split('\n')
          .map((line) => line.replace(/\s+/g, ' ').trim())
          .filter((line) => line !== '');
        expect(paragraphsOf(cleanArticleText(body)), file).toEqual(expected);
      }
    },
  );
});

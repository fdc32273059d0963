import { describe, expect, it } from 'vitest';
import { FeedFormatError, parseFeed } from '../../src/fetch/parse-feed.js';

describe('parseFeed', () => {
  it('GIVEN RSS with CDATA, entities and an isPermaLink guid THEN the item is read as stated', () => {
    const feed =
      parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <title>Gazette &amp; Times</title>
      <item><title><![CDATA[Rates rise – again]]></title><guid>https://example.com/a?x=1&amp;y=2</guid>
      <pubDate>Tue, 19 Aug 2025 14:03:00 +0000</pubDate><dc:creator>A. Writer</dc:creator></item>
      <item><title>2025</title></item>
    </channel></rss>`);
    expect(feed).toEqual({
      format: 'rss',
      title: 'Gazette & Times',
      items: [
        {
          title: 'Rates rise – again',
          link: 'https://example.com/a?x=1&y=2',
          published: 'Tue, 19 Aug 2025 14:03:00 +0000',
          author: 'A. Writer',
          id: 'https://example.com/a?x=1&y=2',
        },
        { title: '2025' },
      ],
    });
  });

  it('GIVEN RSS 1.0 (RDF) THEN its items are read', () => {
    const feed =
      parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>Old School</title></channel>
      <item><title>One</title><link>https://example.com/1</link></item></rdf:RDF>`);
    expect(feed.items).toEqual([{ title: 'One', link: 'https://example.com/1' }]);
  });

  it('GIVEN something else THEN a FeedFormatError says what it is', () => {
    expect(() => parseFeed('<!DOCTYPE html><html><body>hi</body></html>')).toThrow(
      /web page, not a feed/,
    );
    expect(() => parseFeed('{"items": []}')).toThrow(/not a JSON Feed/);
    expect(() => parseFeed('<rss><channel><title>x</channel></rss>')).toThrow(FeedFormatError);
    expect(() => parseFeed('plain text')).toThrow(/neither XML nor JSON/);
  });
});

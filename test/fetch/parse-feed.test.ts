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

  it('GIVEN a Google News sitemap THEN each url is an item with its stated title, date and outlet', () => {
    const feed = parseFeed(`<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://example.com/news/budget</loc><lastmod>2025-09-04T10:00:00Z</lastmod>
        <news:news><news:publication><news:name>Estuary Echo</news:name><news:language>en</news:language></news:publication>
        <news:publication_date>2025-09-03T08:00:00Z</news:publication_date><news:title>Council approves budget</news:title></news:news></url>
      <url><loc>https://example.com/about</loc></url>
      </urlset>`);
    expect(feed).toEqual({
      format: 'sitemap',
      title: 'Estuary Echo',
      items: [
        {
          link: 'https://example.com/news/budget',
          title: 'Council approves budget',
          published: '2025-09-03T08:00:00Z',
          updated: '2025-09-04T10:00:00Z',
        },
        { link: 'https://example.com/about' },
      ],
    });
  });

  it('GIVEN a plain sitemap THEN lastmod orders the items but is no publication date; GIVEN an index THEN its sitemaps', () => {
    const plain = parseFeed(
      '<urlset><url><loc>https://example.com/a</loc><lastmod>2025-01-02</lastmod></url></urlset>',
    );
    expect(plain.items).toEqual([{ link: 'https://example.com/a', updated: '2025-01-02' }]);
    const index = parseFeed(
      '<sitemapindex><sitemap><loc>https://example.com/s1.xml</loc><lastmod>2025-01-02</lastmod></sitemap></sitemapindex>',
    );
    expect(index).toEqual({
      format: 'sitemap-index',
      items: [{ link: 'https://example.com/s1.xml', updated: '2025-01-02' }],
    });
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

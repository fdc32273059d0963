import { describe, expect, it } from 'vitest';
import { chooseFields } from '../../src/fetch/article-fields.js';

const item = {
  title: 'Feed title',
  link: 'https://example.com/story?utm_source=rss',
  published: 'Tue, 02 Sep 2025 10:00:00 +0000',
  author: 'Feed Author',
};

describe('chooseFields', () => {
  it('GIVEN every source THEN JSON-LD wins, then meta tags, then the feed; the canonical link gives the URL', () => {
    expect(
      chooseFields({
        page: {
          feeds: [],
          statesArticle: true,
          jsonLd: {
            title: 'LD headline',
            published: '2025-09-03',
            outlet: 'LD Publisher',
            author: 'LD Author',
          },
          meta: {
            title: 'OG title',
            published: '2025-09-01',
            outlet: 'OG Site',
            author: 'Meta Author',
            url: 'https://example.com/og',
          },
          canonical: 'https://example.com/canonical',
          documentTitle: 'Doc title',
        },
        item,
        feedTitle: 'Feed',
        finalUrl: 'https://example.com/final',
      }),
    ).toEqual({
      title: 'LD headline',
      outlet: 'LD Publisher',
      published: '2025-09-03',
      url: 'https://example.com/canonical',
      author: 'LD Author',
    });
  });

  it('GIVEN an unreadable JSON-LD date THEN the meta date is used; GIVEN an outlet in the feeds file THEN it wins', () => {
    const fields = chooseFields({
      page: {
        feeds: [],
        statesArticle: true,
        jsonLd: { published: 'last Tuesday', outlet: 'LD Publisher' },
        meta: { published: '2025-09-01T08:00:00Z' },
      },
      item,
      outlet: 'My Name For It',
    });
    expect(fields.published).toBe('2025-09-01T08:00:00Z');
    expect(fields.outlet).toBe('My Name For It');
    expect(fields.title).toBe('Feed title');
  });

  it('GIVEN only the feed item THEN its fields; GIVEN nothing THEN nothing is invented', () => {
    expect(chooseFields({ item, feedTitle: 'Feed' })).toEqual({
      title: 'Feed title',
      outlet: 'Feed',
      published: 'Tue, 02 Sep 2025 10:00:00 +0000',
      url: 'https://example.com/story?utm_source=rss',
      author: 'Feed Author',
    });
    expect(
      chooseFields({ page: { jsonLd: {}, meta: {}, feeds: [], statesArticle: false } }),
    ).toEqual({});
  });
});

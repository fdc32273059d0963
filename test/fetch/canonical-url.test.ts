import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../src/fetch/canonical-url.js';

describe('canonicalKey', () => {
  it('GIVEN addresses of one story THEN they share one key', () => {
    const key = canonicalKey('https://www.example.com/news/story');
    for (const variant of [
      'http://example.com/news/story',
      'https://example.com/news/story/',
      'https://EXAMPLE.com/news/story#comments',
      'https://example.com/news/story?utm_source=rss&utm_medium=rss&utm_campaign=x',
      'https://example.com/news/story?fbclid=IwAR0&gclid=abc',
      'https://example.com/news/story/amp/',
      'https://amp.example.com/news/story',
      'https://example.com/amp/news/story',
      'https://example.com/news/story.amp',
      'https://example.com/news/story?amp=1',
      'https://example-com.cdn.ampproject.org/c/s/example.com/news/story',
    ]) {
      expect(canonicalKey(variant), variant).toBe(key);
    }
  });

  it('GIVEN different stories THEN the keys differ', () => {
    expect(canonicalKey('https://example.com/news/story?id=1')).not.toBe(
      canonicalKey('https://example.com/news/story?id=2'),
    );
    expect(canonicalKey('https://example.com/news/a')).not.toBe(
      canonicalKey('https://example.org/news/a'),
    );
    expect(canonicalKey('https://example.com/news/a?b=2&a=1')).toBe(
      canonicalKey('https://example.com/news/a?a=1&b=2'),
    );
  });

  it('GIVEN something that is not an http(s) URL THEN there is no key', () => {
    expect(canonicalKey('mailto:news@example.com')).toBeUndefined();
    expect(canonicalKey('not a url')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { cleanFetchedText } from '../../src/fetch/clean-fetched.js';
import {
  discoverFeeds,
  extractPage,
  MAX_ELEMENTS,
  withinElementBudget,
  withoutInertBlocks,
} from '../../src/fetch/extract-page.js';
import { htmlToParagraphs, markupNestingDepth } from '../../src/fetch/html-paragraphs.js';
import { FetchError } from '../../src/fetch/http-client.js';

const story = [
  'The harbour board met on Thursday to discuss the dredging contract, which has been delayed twice since the spring because of a dispute over the disposal of silt.',
  'Board chair Amira Haddad said a decision would be taken at the next meeting in October, once the environmental survey of the estuary had been published.',
];

describe('extractPage', () => {
  it('GIVEN inline scripts and styles THEN they leave no text, and the JSON-LD among them is still read', () => {
    const html = `<!doctype html><html><head><title>Dredging decision delayed</title>
      <style>.x{content:"<p>not text</p>"}</style>
      <script>var t = "<p>Injected paragraph from a script</p>";</script>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Dredging decision delayed","datePublished":"2025-09-04"}</script>
      </head><body><article><h1>Dredging decision delayed</h1>
      ${story.map((p) => `<p>${p}</p>`).join('\n')}
      <script>document.write("<p>Written by a script</p>")</script>
      </article></body></html>`;
    const page = extractPage(html, 'https://example.com/dredging');
    expect(page.metadata.jsonLd).toEqual({
      title: 'Dredging decision delayed',
      published: '2025-09-04',
    });
    expect(cleanFetchedText(page.paragraphs)).toBe(story.join('\n\n'));
  });

  it('GIVEN a JSON-LD block that does not parse THEN the OpenGraph tags still give the fields', () => {
    const html = `<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken",}</script>
      <meta property="og:title" content="Dredging decision delayed"><meta property="og:site_name" content="Estuary Echo">
      <link rel="canonical" href="/news/dredging"></head>
      <body><article>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const page = extractPage(html, 'https://example.com/news/dredging?ref=home');
    expect(page.metadata).toEqual({
      jsonLd: {},
      meta: { title: 'Dredging decision delayed', outlet: 'Estuary Echo' },
      canonical: 'https://example.com/news/dredging',
      feeds: [],
      statesArticle: false,
    });
  });

  it('GIVEN a front page linking its feeds THEN they are listed, absolute, and the page is no article', () => {
    const html = `<html><head><title>Estuary Echo</title>
      <link rel="alternate" type="application/rss+xml" title="Echo" href="/feed/">
      <link rel="Alternate" type="application/atom+xml" href="https://example.com/atom.xml">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="/feed/"></head>
      <body><ul><li><a href="/a">Story A</a></li></ul></body></html>`;
    const page = extractPage(html, 'https://example.com/');
    expect(page.metadata.feeds).toEqual([
      'https://example.com/feed/',
      'https://example.com/atom.xml',
    ]);
    expect(page.metadata.statesArticle).toBe(false);
    expect(discoverFeeds(html, 'https://example.com/')).toEqual(page.metadata.feeds);
  });

  it('GIVEN an article page (og:type article) THEN it states it is one, whatever it links', () => {
    const html = `<html><head><meta property="og:type" content="article">
      <link rel="alternate" type="application/rss+xml" href="/feed/"></head><body><p>Short.</p></body></html>`;
    expect(extractPage(html, 'https://example.com/a').metadata.statesArticle).toBe(true);
  });

  it('GIVEN a page whose head never ends, or nests thousands deep THEN discovery stays bounded', () => {
    const link = '<link rel="alternate" type="application/rss+xml" href="/feed/">';
    expect(discoverFeeds(`<html><head>${link}<title>x`, 'https://example.com/')).toEqual([
      'https://example.com/feed/',
    ]);
    expect(
      discoverFeeds(`<html><head>${'<div>'.repeat(5000)}${link}`, 'https://example.com/'),
    ).toEqual([]);
  });
});

describe('htmlToParagraphs', () => {
  it('GIVEN inline markup, line breaks, lists and a figure THEN one paragraph per block, words as written', () => {
    expect(
      htmlToParagraphs(
        '<div><p>He said <a href="/x">“no”</a>, <em>twice</em>.</p><p>Line one<br>line two</p>' +
          '<ul><li>First point</li><li>Second point</li></ul>' +
          '<figure><img src="a.jpg"><figcaption>Photo: Agency</figcaption></figure>loose text</div>',
      ),
    ).toEqual([
      'He said “no”, twice.',
      'Line one',
      'line two',
      'First point',
      'Second point',
      'loose text',
    ]);
  });
});

describe('cleanFetchedText', () => {
  it('GIVEN Jetpack furniture after the story THEN the story alone remains', () => {
    expect(
      cleanFetchedText([
        ...story,
        'Share this:',
        'X',
        'Facebook',
        'Like this:',
        'Loading...',
        'Related',
      ]),
    ).toBe(story.join('\n\n'));
    expect(cleanFetchedText([story[0]!, 'Loading…', story[1]!, 'Related', 'Another story'])).toBe(
      story.join('\n\n'),
    );
  });
});

describe('extractPage on absurdly nested markup', () => {
  const nested = (depth: number) =>
    `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${'word '.repeat(100)}</p>${'</div>'.repeat(depth)}</body></html>`;

  it('GIVEN thousands of nested elements THEN the page is refused from its markup, before parsing', () => {
    // Parsed, 5,000 levels took seconds and then overflowed the stack on closing the window.
    expect(() => extractPage(nested(5_000), 'https://deep.example/a')).toThrow(FetchError);
    expect(() => extractPage(nested(5_000), 'https://deep.example/a')).toThrow(
      /nests its elements 5000 deep/,
    );
  });

  it('GIVEN a few hundred nested elements THEN the parsed page is refused before Readability', () => {
    expect(() => extractPage(nested(300), 'https://deep.example/b')).toThrow(
      /nests its elements \d+ deep \(at most 200 are read\)/,
    );
  });

  it('GIVEN ordinary nesting, with paragraphs and list items left unclosed THEN the text is read', () => {
    const sloppy = `<html><head><title>T</title></head><body>${'<div>'.repeat(20)}<article><h1>Council story</h1>${'<p>The council met on Tuesday to discuss the new library budget and the repairs to the bridge. '.repeat(400)}<ul>${'<li>item'.repeat(300)}</ul></article>${'</div>'.repeat(20)}</body></html>`;
    const page = extractPage(sloppy, 'https://ok.example/c');
    expect(page.paragraphs.join(' ')).toContain('library budget');
  });
});

describe('htmlToParagraphs on absurdly nested markup', () => {
  it('GIVEN a feed item nested thousands deep THEN it has no paragraphs (and costs no parse)', () => {
    const deep = `${'<div>'.repeat(20_000)}<p>Hidden text</p>${'</div>'.repeat(20_000)}`;
    expect(htmlToParagraphs(deep)).toEqual([]);
    expect(htmlToParagraphs(`${'<div>'.repeat(50)}<p>Kept text</p>${'</div>'.repeat(50)}`)).toEqual(
      ['Kept text'],
    );
  });
});

describe('hostile markup is read in linear time', () => {
  /** Milliseconds `run` takes. */
  const timed = (run: () => unknown) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };

  it('GIVEN scripts and styles, closed, unclosed or JSON-LD THEN closed ones go, the rest is left to the parser', () => {
    expect(
      withoutInertBlocks(
        'a<script src="x.js"></script>b<STYLE>p{}</style >c<script type="application/ld+json">{}</script>d',
      ),
    ).toBe('abc<script type="application/ld+json">{}</script>d');
    expect(withoutInertBlocks('a<style>x</style>b<script>var s = "</style>";')).toBe(
      'ab<script>var s = "</style>";',
    );
    expect(withoutInertBlocks('<p>no scripts</p>')).toBe('<p>no scripts</p>');
  });

  it('GIVEN 2 MB of unclosed script tags or tag openings THEN each is read once', () => {
    // As single patterns these searched the rest of the page from every "<script>" or "<a"
    // (minutes at this size, hours at the 10 MB a page may have); now tens of milliseconds.
    expect(timed(() => withoutInertBlocks('<script>'.repeat(250_000)))).toBeLessThan(5_000);
    expect(timed(() => withoutInertBlocks('<script<'.repeat(250_000)))).toBeLessThan(5_000);
    expect(timed(() => markupNestingDepth('<a'.repeat(1_000_000)))).toBeLessThan(5_000);
    expect(markupNestingDepth('<a'.repeat(1_000))).toBe(0);
    expect(markupNestingDepth('<div><div title="a>b"></div><br/>')).toBe(2);
  });
});

describe('a page of more elements than are read', () => {
  it('GIVEN markup of more than MAX_ELEMENTS elements THEN it is cut before the first one over, in one pass', () => {
    expect(withinElementBudget('<p>a<p>b<p>c', 2)).toBe('<p>a<p>b');
    expect(withinElementBudget('<p>a</p> 1 < 2 <p>b', 2)).toBe('<p>a</p> 1 < 2 <p>b');
    const huge = '<p>word'.repeat(400_000);
    expect(withinElementBudget(huge)).toHaveLength(MAX_ELEMENTS * '<p>word'.length);
  });

  it('GIVEN a live blog longer than that THEN its start is read: headline, lede and first entries', () => {
    const entries = Array.from(
      { length: MAX_ELEMENTS },
      (_, i) =>
        `<div class="entry"><p>Entry ${i}: crews are still at the scene on the bypass.</p></div>`,
    ).join('');
    const html = `<html><head><title>Live: bypass closed</title></head><body><article><h1>Live: bypass closed</h1><p>${story[0]}</p>${entries}</article></body></html>`;
    const { paragraphs } = extractPage(html, 'https://news.example/live');
    expect(paragraphs.join('\n')).toContain(story[0]);
    expect(paragraphs.join('\n')).toContain('Entry 0: crews');
    expect(paragraphs.join('\n')).not.toContain(`Entry ${MAX_ELEMENTS - 1}:`);
  });
});

import { describe, expect, it } from 'vitest';
import { cleanFetchedText } from '../../src/fetch/clean-fetched.js';
import { extractPage } from '../../src/fetch/extract-page.js';
import { htmlToParagraphs } from '../../src/fetch/html-paragraphs.js';

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
    });
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

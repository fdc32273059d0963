import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { datelinePublished, statedDatelineDate } from '../../src/fetch/dateline.js';

describe('statedDatelineDate', () => {
  it('reads a publication date written day first or month first, weekday or not', () => {
    expect(statedDatelineDate('Published: Wednesday, 3 September 2025, 16:45')).toBe('2025-09-03');
    expect(statedDatelineDate('Posted on September 3rd, 2025 by Mike')).toBe('2025-09-03');
    expect(statedDatelineDate('First published Tue 2 Sept. 2025')).toBe('2025-09-02');
    expect(statedDatelineDate('published 14 Feb 2024')).toBe('2024-02-14');
  });

  it('GIVEN an update date, a numeric date, a date in passing or no real day THEN nothing', () => {
    expect(statedDatelineDate('Last updated: 5 September 2025')).toBeUndefined();
    expect(statedDatelineDate('Published: 03/09/2025')).toBeUndefined();
    expect(
      statedDatelineDate('The report, due on 3 September 2025, was published'),
    ).toBeUndefined();
    expect(statedDatelineDate('Published: 31 February 2025')).toBeUndefined();
  });

  it('GIVEN "Updated" first and "Published" after THEN the published date', () => {
    expect(statedDatelineDate('Updated 5 September 2025 · Published 3 September 2025')).toBe(
      '2025-09-03',
    );
  });
});

describe('datelinePublished', () => {
  const page = (body: string) => new JSDOM(`<html><body>${body}</body></html>`).window.document;

  it('reads the dateline element, not the story', () => {
    expect(
      datelinePublished(
        page(
          '<p>Posted on 1 March 2020, the rules changed.</p><div class="story-byline">By Ann Lee. Published 4 March 2025</div>',
        ),
      ),
    ).toBe('2025-03-04');
    expect(datelinePublished(page('<p>Published: 4 March 2025</p>'))).toBeUndefined();
  });

  it('reads the <time> of a byline or date box (Ghost, Drupal), never an updated one', () => {
    expect(
      datelinePublished(
        page(
          '<div class="byline-meta-content"><span class="byline-meta-date"><time datetime="2025-09-03">3 Sep 2025</time></span></div>',
        ),
      ),
    ).toBe('2025-09-03');
    expect(
      datelinePublished(
        page(
          '<div class="node__submitted">Submitted by Ann on <time datetime="2025-09-04T10:00:00Z">4 September</time></div>',
        ),
      ),
    ).toBe('2025-09-04T10:00:00Z');
    expect(
      datelinePublished(
        page(
          '<div class="post-meta"><time class="updated" datetime="2025-09-16">16th</time></div>',
        ),
      ),
    ).toBeUndefined();
    expect(
      datelinePublished(
        page('<span class="last-updated-date"><time datetime="2025-09-16">16th</time></span>'),
      ),
    ).toBeUndefined();
  });

  it('GIVEN dates of other stories around the story (sidebar, related, footer) THEN not theirs', () => {
    const sidebar =
      '<aside><ul><li><span class="date"><time datetime="2025-01-01">1 Jan</time></span></li></ul></aside>' +
      '<div class="widget latest"><span class="date"><time datetime="2025-01-02">2 Jan</time></span></div>';
    expect(datelinePublished(page(sidebar))).toBeUndefined();
    expect(
      datelinePublished(
        page(
          `${sidebar}<article><p class="byline">By Ann <time datetime="2025-09-03">3 Sep</time></p></article>`,
        ),
      ),
    ).toBe('2025-09-03');
  });

  it('GIVEN 7,000 date boxes 1,000 levels deep (as deep as a page is parsed) THEN it answers at once', () => {
    // Built bottom-up with DOM calls: jsdom's parser takes seconds on such markup itself.
    const document = page('');
    const inner = document.createElement('div');
    for (let i = 0; i < 7_000; i++) {
      const box = document.createElement('span');
      box.className = 'date';
      box.textContent = 'x';
      inner.append(box);
    }
    let chain = inner;
    for (let i = 0; i < 1_000; i++) {
      const outer = document.createElement('div');
      outer.append(chain);
      chain = outer;
    }
    document.body.append(chain);
    const started = performance.now();
    expect(datelinePublished(document)).toBeUndefined();
    // Walking every box's containers to the top took 6.7 s here; bounded, 0.24 s.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { nextStoryPage } from '../../src/fetch/article-pages.js';
import { chooseFields } from '../../src/fetch/article-fields.js';
import { cleanFetchedText } from '../../src/fetch/clean-fetched.js';
import { extractPage } from '../../src/fetch/extract-page.js';

/**
 * The local news site in test/fixtures/web/local-site/ (the "Ashcombe Courier": a WordPress
 * site with an old CMS's pages beside it), read page by page without a server.
 */
const SITE = path.resolve(import.meta.dirname, '../fixtures/web/local-site');
const BASE = 'https://ashcombecourier.example';

/** The fixture page behind `address` (a folder's index.html), and its extraction. */
function read(address: string) {
  const file = address.endsWith('/') ? `${address}index.html` : address;
  const html = readFileSync(path.join(SITE, file), 'utf8').replaceAll('{{BASE}}', BASE);
  return extractPage(html, `${BASE}/local/${address}`);
}

describe('the local news site: what its pages state', () => {
  it('GIVEN a live blog (JSON-LD LiveBlogPosting) THEN its headline and date are read from it', () => {
    const { metadata } = read('2025/09/13/a38-roadworks-live/');
    expect(metadata.jsonLd).toMatchObject({
      title: 'LIVE: A38 Ashcombe bypass closed after lorry sheds load',
      published: '2025-09-13T07:05:00+01:00',
      outlet: 'Ashcombe Courier',
    });
  });

  it('GIVEN a JSON-LD headline escaped for HTML ("&#039;") THEN it is read as the text it shows', () => {
    const { metadata } = read('2025/09/14/school-expansion/');
    expect(metadata.jsonLd.title).toBe(
      "St Aidan's primary to get eight new classrooms in £6.4m expansion",
    );
    expect(metadata.jsonLd.author).toBe('Tom Ellery');
  });
});

describe('the local news site: the title written', () => {
  const title = (address: string) => chooseFields({ page: read(address).metadata }).title;

  it('GIVEN og:title "Headline | Outlet" or "Headline - Outlet" THEN the headline alone', () => {
    expect(title('2025/09/10/library-reopens/')).toBe(
      'Refurbished Ashcombe library reopens with longer hours',
    );
    expect(title('2025/09/12/town-fc-new-stand/')).toBe(
      'Ashcombe Town unveil plans for 1,200-seat stand at Brook Lane',
    );
  });

  it('GIVEN an old CMS page with only "Site :: Section :: Headline" THEN the headline', () => {
    expect(title('old-cms/article-4471.html')).toBe(
      'Planning committee backs 140 homes at Orchard Farm',
    );
  });

  it('GIVEN an old CMS page that states its date only in its dateline THEN that date', () => {
    const { metadata } = read('old-cms/article-4471.html');
    expect(chooseFields({ page: metadata }).published).toBe('2025-09-03');
  });
});

describe('the local news site: the text written', () => {
  const text = (address: string) => cleanFetchedText(read(address).paragraphs);

  it('GIVEN a WordPress story with a newsletter box, author bio and skip link THEN only the story', () => {
    const body = text('2025/09/15/councillors-approve-tax-rise/');
    expect(body.startsWith('Ashcombe District Council voted 27 to 12')).toBe(true);
    expect(body.endsWith('will set their own shares of the bill in February.')).toBe(true);
    for (const furniture of [
      'Skip to content',
      'in your inbox',
      'Sign me up',
      'democracy reporter',
    ]) {
      expect(body).not.toContain(furniture);
    }
    expect(body).toContain('His amendment was defeated by 26 votes to 13.');
  });

  it('GIVEN a pull quote, an embedded tweet and a tag box THEN none of them, the story whole', () => {
    const body = text('2025/09/12/town-fc-new-stand/');
    expect(body.split('\n\n')).toHaveLength(6);
    expect(body).not.toMatch(/Big news|@AshcombeTownFC|TAGS|Brook Lane\n|^“This/m);
    expect(body).toContain('Chairman Graham Holt said: “This is the most important project');
  });

  it('GIVEN a call for tips under the story THEN it is left out, a quoted statement kept', () => {
    const body = text('2025/09/11/warehouse-fire/');
    expect(body).not.toContain('Do you have a story');
    expect(body).toContain('Crews worked in difficult conditions');
    expect(body.endsWith('Crews remained at the scene overnight damping down hotspots.')).toBe(
      true,
    );
  });

  it('GIVEN a cookie banner and a newsletter box inside the story container THEN neither', () => {
    const story = read('2025/09/11/warehouse-fire/').paragraphs.slice(0, 6);
    const html = `<html><body><div class="post">
      <div class="cn-cookie-notice"><p>We use cookies to give you the best experience on our website. If you continue we assume you are happy with it.</p></div>
      ${story.map((p) => `<p>${p}</p>`).join('\n')}
      <div id="newsletter-7"><h3>Never miss a story from Ashcombe</h3><p>Get breaking news delivered straight to your inbox every morning.</p></div>
      </div></body></html>`;
    const body = cleanFetchedText(extractPage(html, `${BASE}/x`).paragraphs);
    expect(body).toBe(cleanFetchedText(story));
  });
});

describe('nextStoryPage', () => {
  const next = (head: string, body: string, url: string) =>
    nextStoryPage(
      new JSDOM(`<html><head>${head}</head><body>${body}</body></html>`).window.document,
      url,
    );

  it('GIVEN a story page 1 of 2 THEN page 2; page 2 has none further', () => {
    expect(read('2025/09/14/school-expansion/').metadata.nextPage).toBe(
      `${BASE}/local/2025/09/14/school-expansion/2/`,
    );
    expect(read('2025/09/14/school-expansion/2/').metadata.nextPage).toBeUndefined();
  });

  it('GIVEN a "Next page" link in the page list, or ?page=2 THEN it is followed', () => {
    const story = 'https://x.example/2025/09/story/';
    const list = '<div class="page-links"><a href="/2025/09/story/3/">Next page</a></div>';
    expect(next('', list, 'https://x.example/2025/09/story/2/')).toBe(
      'https://x.example/2025/09/story/3/',
    );
    expect(next('<link rel="next" href="?page=2">', '', story)).toBe(`${story}?page=2`);
  });

  it('GIVEN a "next" that leaves the story (the next post, a listing, another site) THEN none', () => {
    const story = 'https://x.example/2025/09/story/';
    for (const href of [
      '/2025/09/other-story/',
      '/page/2/',
      'https://y.example/2025/09/story/2/',
    ]) {
      expect(next(`<link rel="next" href="${href}">`, '', story)).toBeUndefined();
    }
  });
});

describe('the local news site: a WordPress theme without an SEO plugin', () => {
  it("GIVEN a date only in the theme's post-date block THEN it is the publication date; the title is the <h1>", () => {
    const { metadata } = read('2025/09/09/bin-collections/');
    expect(chooseFields({ page: metadata })).toMatchObject({
      title: 'Fortnightly bin collections to start in November',
      published: '2025-09-09T14:02:31+01:00',
    });
  });

  it('GIVEN no og:site_name or publisher THEN the outlet is the site title the theme shows', () => {
    const { metadata } = read('2025/09/09/bin-collections/');
    expect(chooseFields({ page: metadata }).outlet).toBe('Ashcombe Courier');
    const outlet = (head: string, body = '') =>
      chooseFields({
        page: extractPage(`<html><head>${head}</head><body>${body}</body></html>`, `${BASE}/x`)
          .metadata,
      }).outlet;
    expect(
      outlet(
        '<link rel="alternate" type="application/rss+xml" title="Dene Post &raquo; Feed" href="/feed/">',
      ),
    ).toBe('Dene Post');
    expect(outlet('<meta name="application-name" content="Dene Post">')).toBe('Dene Post');
    expect(outlet('', '<p class="site-title"><a rel="home" href="/">Dene Post</a></p>')).toBe(
      'Dene Post',
    );
    // A feed link titled otherwise ("Comments Feed", a section's name) states no site name.
    expect(
      outlet('<link rel="alternate" type="application/rss+xml" title="Comments" href="/c/">'),
    ).toBeUndefined();
  });

  it('GIVEN classic-theme and microdata dates THEN the published one, never the updated one', () => {
    const date = (body: string) =>
      extractPage(`<html><body>${body}</body></html>`, `${BASE}/x`).metadata.meta.published;
    expect(
      date(
        '<time class="updated" datetime="2025-09-16">16th</time><time class="entry-date published" datetime="2025-09-15T18:40:00+01:00">15th</time>',
      ),
    ).toBe('2025-09-15T18:40:00+01:00');
    expect(date('<meta itemprop="datePublished" content="2025-09-03">')).toBe('2025-09-03');
    expect(date('<time class="updated" datetime="2025-09-16">16th</time>')).toBeUndefined();
    // Meta tags of news CMSs and analytics, not only OpenGraph's; never a modified date.
    const meta = (name: string, content: string) => `<meta name="${name}" content="${content}">`;
    expect(date(meta('parsely-pub-date', '2025-09-14T09:00:00Z'))).toBe('2025-09-14T09:00:00Z');
    expect(date(meta('DC.date.issued', '2025-09-13'))).toBe('2025-09-13');
    expect(date(meta('pubdate', '2025-09-12'))).toBe('2025-09-12');
    expect(date(meta('article:modified_time', '2025-09-16'))).toBeUndefined();
  });
});

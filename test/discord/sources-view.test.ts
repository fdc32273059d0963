import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/retrieve/answer-types.js';
import { newestFirst } from '../../src/retrieve/source-order.js';
import { buildSourcesView, SOURCES_PER_PAGE } from '../../src/discord/sources-view.js';
import { COW, REAL_NEWS_NOW, SHIFTING } from './fake-coverage.js';

describe('GIVEN the coverage’s articles, newest first', () => {
  it('WHEN /sources shows them THEN the title gives the total, the lines outlet, title and date in order, the footer the newest date', () => {
    const view = buildSourcesView([REAL_NEWS_NOW, COW, SHIFTING], 0);
    const embed = view.embeds[0];
    expect(embed?.title).toBe('Articles in the coverage (3)');
    const lines = embed?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^• \*\*Real News Now\*\* · JD Vance Makes .* · 2025-08-24 · \[link\]/,
    );
    expect(lines[1]).toMatch(/^• \*\*The COW News Digital\*\* · Vice President/);
    expect(embed?.footer?.text).toBe('Page 1/1 · coverage as of 2025-08-24');
  });

  it('WHEN there are several pages THEN every page’s footer gives the newest date of the whole coverage', () => {
    const many: SourceRef[] = Array.from({ length: SOURCES_PER_PAGE * 2 + 1 }, (_, i) => ({
      id: `a${i}`,
      title: `Story ${i}`,
      published: `2030-01-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const view = buildSourcesView(newestFirst(many), 2);
    expect(view.embeds[0]?.title).toBe(`Articles in the coverage (${many.length})`);
    expect(view.embeds[0]?.footer?.text).toBe('Page 3/3 · coverage as of 2030-01-21');
  });

  it('WHEN no article is dated THEN the footer only pages', () => {
    expect(buildSourcesView([COW, SHIFTING], 0).embeds[0]?.footer?.text).toBe('Page 1/1');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUpToDate,
  planIngest,
  rebuildReason,
  type ReusableIndex,
} from '../../src/app/ingest-plan.js';
import type { Article } from '../../src/ingest/article.js';
import type { Passage } from '../../src/ingest/passage.js';
import { INDEX_SCHEMA_VERSION, type Manifest } from '../../src/store/corpus-index.js';

/**
 * A deterministic stand-in for splitting: one passage per "|"-separated part of the text,
 * none for an empty text (an article with nothing left after cleaning).
 */
function split(article: Article): Passage[] {
  if (article.text === '') return [];
  let start = 0;
  return article.text.split('|').map((part, index) => {
    const passage: Passage = {
      id: `${article.id}#${index}`,
      articleId: article.id,
      index,
      start,
      end: start + part.length,
      text: part,
      sentences: [[start, start + part.length]],
    };
    start += part.length + 1;
    return passage;
  });
}

function article(id: string, text: string): Article {
  return { id, title: id, text, path: `${id}.md`, hash: `h(${text})` };
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const texts = fc.constantFrom('', 'one', 'one|two', 'x|y|z', 'other');

/** A previous corpus and a new one over the same ids, each article present or not. */
const corpora = fc.record({
  before: fc.array(fc.option(texts, { nil: undefined }), {
    minLength: ids.length,
    maxLength: ids.length,
  }),
  after: fc.array(fc.option(texts, { nil: undefined }), {
    minLength: ids.length,
    maxLength: ids.length,
  }),
  reusable: fc.boolean(),
});

function corpus(entries: readonly (string | undefined)[]): Article[] {
  return entries.flatMap((text, i) => (text === undefined ? [] : [article(ids[i]!, text)]));
}

/** The previous index as ingest would have stored it: kept articles and their passages. */
function storedIndex(articles: readonly Article[]): ReusableIndex {
  const kept = articles.filter((a) => split(a).length > 0);
  return {
    articles: new Map(kept.map((a) => [a.id, { hash: a.hash, text: a.text }])),
    passages: kept.flatMap(split),
  };
}

describe('planIngest', () => {
  it('GIVEN any previous and new corpus THEN every row is either reused or embedded, once', () => {
    fc.assert(
      fc.property(corpora, ({ before, after, reusable }) => {
        const stored = storedIndex(corpus(before));
        const plan = planIngest({
          articles: corpus(after),
          ...(reusable ? { reusable: stored } : {}),
          previousIds: [...stored.articles.keys()],
          split,
        });
        const rows = [...plan.reused.map((row) => row.to), ...plan.toEmbed].sort((x, y) => x - y);
        expect(rows).toEqual(plan.passages.map((_, row) => row));
        // A reused row copies the stored passage it came from.
        for (const { to, from } of plan.reused)
          expect(plan.passages[to]).toEqual(stored.passages[from]);
        if (!reusable) expect(plan.reused).toEqual([]);
      }),
    );
  });

  it('GIVEN any corpora THEN an unchanged article reuses all its passages and a new or changed one embeds all', () => {
    fc.assert(
      fc.property(corpora, ({ before, after }) => {
        const stored = storedIndex(corpus(before));
        const plan = planIngest({
          articles: corpus(after),
          reusable: stored,
          previousIds: [...stored.articles.keys()],
          split,
        });
        const embedded = new Set(plan.toEmbed);
        plan.passages.forEach((passage, row) => {
          const old = stored.articles.get(passage.articleId);
          const now = plan.kept.find((a) => a.id === passage.articleId)!;
          const unchanged = old !== undefined && old.hash === now.hash && old.text === now.text;
          expect(embedded.has(row)).toBe(!unchanged);
        });
      }),
    );
  });

  it('GIVEN any corpora THEN kept and empty articles partition the input, passages follow kept order, removed are the gone ids', () => {
    fc.assert(
      fc.property(corpora, ({ before, after, reusable }) => {
        const stored = storedIndex(corpus(before));
        const articles = corpus(after);
        const plan = planIngest({
          articles,
          ...(reusable ? { reusable: stored } : {}),
          previousIds: [...stored.articles.keys()],
          split,
        });
        expect([...plan.kept, ...plan.empty].map((a) => a.id).sort()).toEqual(
          articles.map((a) => a.id).sort(),
        );
        expect(plan.empty.every((a) => a.text === '')).toBe(true);
        const order = plan.passages
          .map((p) => p.articleId)
          .filter((id, i, all) => all[i - 1] !== id);
        expect(order).toEqual(plan.kept.map((a) => a.id));
        const kept = new Set(plan.kept.map((a) => a.id));
        expect(plan.removed).toEqual([...stored.articles.keys()].filter((id) => !kept.has(id)));
      }),
    );
  });

  it('GIVEN the same corpus twice THEN nothing is embedded and nothing removed', () => {
    fc.assert(
      fc.property(corpora, ({ before }) => {
        const articles = corpus(before);
        const stored = storedIndex(articles);
        const plan = planIngest({
          articles,
          reusable: stored,
          previousIds: [...stored.articles.keys()],
          split,
        });
        expect(plan.toEmbed).toEqual([]);
        expect(plan.removed).toEqual([]);
        expect(plan.passages).toEqual(stored.passages);
      }),
    );
  });
});

describe('rebuildReason and isUpToDate', () => {
  const manifest: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    model: { id: 'm', dimensions: 4 },
    pipeline: { cleaningVersion: 1 },
    reading: 2,
    articles: { a: { hash: 'h(one)', passages: 1 } },
    counts: { articles: 1, passages: 1 },
    builtAt: '2025-01-01T00:00:00Z',
    buildSeconds: 1,
  };

  it('GIVEN another schema, model or pipeline THEN it says why everything is re-embedded', () => {
    expect(
      rebuildReason(manifest, { id: 'm', dimensions: 4 }, { cleaningVersion: 1 }),
    ).toBeUndefined();
    expect(
      rebuildReason({ ...manifest, schemaVersion: 0 }, manifest.model, manifest.pipeline),
    ).toMatch(/schema 0/);
    expect(rebuildReason(manifest, { id: 'n', dimensions: 4 }, manifest.pipeline)).toMatch(
      /model changed from m/,
    );
    expect(rebuildReason(manifest, manifest.model, { cleaningVersion: 2 })).toMatch(
      /settings changed/,
    );
  });

  it('GIVEN the same ids and hashes THEN up to date; an added, removed or edited article THEN not', () => {
    expect(isUpToDate(manifest, [article('a', 'one')], 2)).toBe(true);
    expect(isUpToDate(manifest, [article('a', 'two')], 2)).toBe(false);
    expect(isUpToDate(manifest, [article('a', 'one'), article('b', 'one')], 2)).toBe(false);
    expect(isUpToDate(manifest, [], 2)).toBe(false);
    // Files read another way (or by a version that did not record how): read again.
    expect(isUpToDate(manifest, [article('a', 'one')], 3)).toBe(false);
    const older: Manifest = { ...manifest };
    delete (older as { reading?: number }).reading;
    expect(isUpToDate(older, [article('a', 'one')], 2)).toBe(false);
  });
});

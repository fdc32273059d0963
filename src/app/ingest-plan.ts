import type { Article } from '../ingest/article.js';
import type { Passage } from '../ingest/passage.js';
import { INDEX_SCHEMA_VERSION, type IndexedArticle, type Manifest } from '../store/corpus-index.js';

/**
 * The decisions of an incremental ingest, as pure functions of what is on disk: whether the
 * previous index can be reused at all, whether it is already up to date, and — article by
 * article — which passages keep their stored vectors, which must be embedded and which
 * articles are dropped. `ingestCorpus` only reads the inputs and carries out the plan.
 */

export type Pipeline = Manifest['pipeline'];

function samePipeline(a: Pipeline, b: Pipeline): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * Why the previous index cannot be reused at all, or undefined when its vectors can be
 * (article by article, where the content is unchanged).
 */
export function rebuildReason(
  previous: Manifest,
  model: { readonly id: string; readonly dimensions: number },
  pipeline: Pipeline,
): string | undefined {
  if (previous.schemaVersion !== INDEX_SCHEMA_VERSION) {
    return `the index was written by another version (schema ${previous.schemaVersion})`;
  }
  if (previous.model.id !== model.id || previous.model.dimensions !== model.dimensions) {
    return (
      `the model changed from ${previous.model.id} (${previous.model.dimensions}d) ` +
      `to ${model.id} (${model.dimensions}d)`
    );
  }
  if (!samePipeline(previous.pipeline, pipeline)) {
    return 'the cleaning, passage-splitting or search-index settings changed';
  }
  return undefined;
}

/**
 * True when `previous` holds exactly `articles`, each with the same content hash, read the same
 * way (`reading`: parse-article.ts `READING_VERSION`).
 */
export function isUpToDate(
  previous: Manifest,
  articles: readonly Article[],
  reading: number,
): boolean {
  return (
    previous.reading === reading &&
    Object.keys(previous.articles).length === articles.length &&
    articles.every((article) => previous.articles[article.id]?.hash === article.hash)
  );
}

/** The parts of the previous index a plan may reuse. */
export interface ReusableIndex {
  readonly articles: ReadonlyMap<string, Pick<IndexedArticle, 'hash' | 'text'>>;
  /** In stored order; row `i` of the stored vectors belongs to `passages[i]`. */
  readonly passages: readonly Passage[];
}

export interface PlanInput {
  /** The articles read now, in index order. */
  readonly articles: readonly Article[];
  /** The previous index when its vectors may be reused (same model and pipeline, no --force). */
  readonly reusable?: ReusableIndex;
  /** Ids of the articles in the previous index, reusable or not (to count removals). */
  readonly previousIds: readonly string[];
  /** Splits an article into passages (pure). */
  readonly split: (article: Article) => readonly Passage[];
}

/** A row of the new vector matrix copied from a row of the stored one. */
export interface ReusedRow {
  readonly to: number;
  readonly from: number;
}

export interface IngestPlan {
  /** Every passage of the new index, article by article in `kept` order. */
  readonly passages: readonly Passage[];
  /** Rows whose vector is copied from the previous index. */
  readonly reused: readonly ReusedRow[];
  /** Rows whose passage must be embedded, ascending. */
  readonly toEmbed: readonly number[];
  /** Articles in the new index, in input order. */
  readonly kept: readonly Article[];
  /** Articles with no passage (nothing left after cleaning): dropped and reported. */
  readonly empty: readonly Article[];
  /** Ids of previous articles that are not in the new index. */
  readonly removed: readonly string[];
}

/** Stored passages of each article with the row of the first, for reuse. */
function storedByArticle(
  passages: readonly Passage[],
): Map<string, { passages: Passage[]; firstRow: number }> {
  const byArticle = new Map<string, { passages: Passage[]; firstRow: number }>();
  passages.forEach((passage, row) => {
    let entry = byArticle.get(passage.articleId);
    if (entry === undefined) {
      entry = { passages: [], firstRow: row };
      byArticle.set(passage.articleId, entry);
    }
    entry.passages.push(passage);
  });
  return byArticle;
}

/**
 * Plans the new index: an article whose stored hash and text are unchanged keeps its stored
 * passages and their vectors; any other article is split and all its passages are embedded;
 * an article that splits into nothing is dropped. Pure.
 */
export function planIngest(input: PlanInput): IngestPlan {
  const reusable = input.reusable;
  const storedPassages = storedByArticle(reusable?.passages ?? []);
  const passages: Passage[] = [];
  const reused: ReusedRow[] = [];
  const toEmbed: number[] = [];
  const kept: Article[] = [];
  const empty: Article[] = [];
  for (const article of input.articles) {
    const old = reusable?.articles.get(article.id);
    const oldPassages = storedPassages.get(article.id);
    if (
      old !== undefined &&
      oldPassages !== undefined &&
      old.hash === article.hash &&
      old.text === article.text
    ) {
      oldPassages.passages.forEach((passage, offset) => {
        reused.push({ to: passages.length, from: oldPassages.firstRow + offset });
        passages.push(passage);
      });
    } else {
      const split = input.split(article);
      if (split.length === 0) {
        empty.push(article);
        continue;
      }
      for (const passage of split) {
        toEmbed.push(passages.length);
        passages.push(passage);
      }
    }
    kept.push(article);
  }
  const keptIds = new Set(kept.map((article) => article.id));
  const removed = input.previousIds.filter((id) => !keptIds.has(id));
  return { passages, reused, toEmbed, kept, empty, removed };
}

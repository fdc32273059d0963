/**
 * `npm run eval`: measures answering quality and prints the table behind the design choices.
 * - Seed QA set (test/fixtures/qa.json): hit@1, hit@3, MRR of each ranking variant through the
 *   whole answer pipeline, with the no-answer gate open (ranking alone is measured).
 * - BBC QA set (test/fixtures/bbc-qa.json) over ../shared/corpora/bbc: the same measures.
 * - BBC known-item search: each of 300 sampled articles' title as the query; hit@k / MRR@10
 *   by article (a lexical-friendly task: titles share words with their articles).
 * - Gate: the evidence of on-topic and off-topic questions of each QA set, and its accuracy.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestCorpus } from '../src/app/ingest-corpus.js';
import type { Embedder } from '../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, loadEmbedder } from '../src/embed/load-embedder.js';
import { memoryLogger } from '../src/log.js';
import { answerQuestion, type AnswerOptions } from '../src/retrieve/answer-question.js';
import { calibrateGate } from '../src/retrieve/calibrate-gate.js';
import { passesGate, type GateEvidence, type GateThresholds } from '../src/retrieve/gate.js';
import {
  DEFAULT_RANKING,
  rankingFor,
  rankPassages,
  type RankingOptions,
} from '../src/retrieve/rank-passages.js';
import type { CorpusIndex } from '../src/store/corpus-index.js';
import { openIndex } from '../src/store/open-index.js';
import { hitRank, readQaSet, summarise } from './eval/qa-set.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OPEN_GATE = { minTermCoverage: 0, minSimilarity: -Infinity, semanticOnly: -Infinity };

const BUNDLED = rankingFor(BUNDLED_MODEL_ID);
const variants: { name: string; options: Partial<AnswerOptions> }[] = [
  { name: 'vector only', options: { ranking: { ...DEFAULT_RANKING, mode: 'vector' } } },
  { name: 'BM25 only', options: { ranking: { ...DEFAULT_RANKING, mode: 'lexical' } } },
  { name: 'hybrid RRF k=60, equal votes', options: { ranking: DEFAULT_RANKING } },
  {
    name: 'hybrid RRF k=60, BM25 ×2',
    options: { ranking: { ...DEFAULT_RANKING, lexicalWeight: 2 } },
  },
  { name: 'hybrid RRF k=10, equal votes', options: { ranking: { ...DEFAULT_RANKING, rrfK: 10 } } },
  {
    name: 'hybrid RRF k=10, BM25 ×2',
    options: { ranking: { ...DEFAULT_RANKING, rrfK: 10, lexicalWeight: 2 } },
  },
  { name: 'hybrid RRF k=10, BM25 ×3 (default)', options: { ranking: BUNDLED } },
  {
    name: 'hybrid RRF k=20, BM25 ×4',
    options: { ranking: { ...DEFAULT_RANKING, rrfK: 20, lexicalWeight: 4 } },
  },
  { name: 'default + article boost 0.3', options: { ranking: { ...BUNDLED, articleBoost: 0.3 } } },
  { name: 'default, no MMR (λ=1)', options: { mmrLambda: 1 } },
  { name: 'default, MMR λ=0.5', options: { mmrLambda: 0.5 } },
  { name: 'default, pool 10 (6 by default)', options: { pool: 10 } },
  {
    name: 'default, no corroboration',
    options: { sameFactBigrams: Infinity, sameFactSimilarity: Infinity },
  },
];

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

async function buildIndex(articlesDir: string, indexDir: string, embedder: Embedder) {
  const log = memoryLogger();
  const summary = await ingestCorpus({ articlesDir, indexDir, embedder, log });
  return summary;
}

async function evalQa(label: string, file: string, index: CorpusIndex, embedder: Embedder) {
  const qa = await readQaSet(path.join(root, file));
  console.log(`\n${label} (${file}): ${qa.onTopic.length} questions, top 3 results, gate open\n`);
  console.log('| variant | hit@1 | hit@3 | MRR |');
  console.log('| --- | --- | --- | --- |');
  for (const variant of variants) {
    const ranks: number[] = [];
    for (const { question, expect, articles } of qa.onTopic) {
      const answer = await answerQuestion({ index, embedder }, question, {
        ...variant.options,
        gate: OPEN_GATE,
      });
      ranks.push(hitRank(answer, expect, articles));
    }
    const s = summarise(ranks);
    console.log(`| ${variant.name} | ${pct(s.hit1)} | ${pct(s.hit3)} | ${s.mrr.toFixed(3)} |`);
  }
  // The gate as the product runs it: calibrated on this coverage with held-out probes.
  const gate = await calibrateGate({ index, embedder });
  const gated = [];
  for (const { question, expect, articles } of qa.onTopic) {
    const answer = await answerQuestion({ index, embedder }, question, { gate });
    gated.push(hitRank(answer, expect, articles));
  }
  const g = summarise(gated);
  console.log(
    `| default, with the no-answer gate | ${pct(g.hit1)} | ${pct(g.hit3)} | ${g.mrr.toFixed(3)} |`,
  );
  const on = await evidenceOf(
    index,
    embedder,
    qa.onTopic.map((q) => q.question),
  );
  const off = await evidenceOf(index, embedder, qa.offTopic);
  reportGate(label, gate, on, off);
}

async function evidenceOf(index: CorpusIndex, embedder: Embedder, questions: readonly string[]) {
  const evidence: { question: string; evidence: GateEvidence }[] = [];
  for (const question of questions) {
    await answerQuestion({ index, embedder }, question, {
      gate: OPEN_GATE,
      onEvidence: (e) => evidence.push({ question, evidence: e }),
    });
  }
  return evidence;
}

function reportGate(
  label: string,
  gate: GateThresholds,
  on: readonly { question: string; evidence: GateEvidence }[],
  off: readonly { question: string; evidence: GateEvidence }[],
) {
  const fmt = (e: GateEvidence) =>
    `sim ${e.similarity.toFixed(3)} cov ${e.termCoverage.toFixed(3)}`;
  const answered = on.filter((q) => passesGate(q.evidence, gate)).length;
  const declined = off.filter((q) => !passesGate(q.evidence, gate)).length;
  console.log(`\nGate on ${label} (${JSON.stringify(gate)}):`);
  console.log(
    `  on-topic answered: ${answered}/${on.length}; off-topic declined: ${declined}/${off.length}`,
  );
  const weakestOn = [...on]
    .sort((a, b) => a.evidence.termCoverage - b.evidence.termCoverage)
    .slice(0, 4);
  const strongestOff = [...off]
    .sort((a, b) => b.evidence.termCoverage - a.evidence.termCoverage)
    .slice(0, 4);
  for (const q of weakestOn) console.log(`  weakest on-topic   ${fmt(q.evidence)}  ${q.question}`);
  for (const q of strongestOff)
    console.log(`  strongest off-topic ${fmt(q.evidence)}  ${q.question}`);
  if (process.env.EVAL_DUMP) {
    for (const q of on) console.log(`  ON  ${fmt(q.evidence)}  ${q.question}`);
    for (const q of off) console.log(`  OFF ${fmt(q.evidence)}  ${q.question}`);
  }
  for (const q of on.filter((q) => !passesGate(q.evidence, gate))) {
    console.log(`  declined on-topic  ${fmt(q.evidence)}  ${q.question}`);
  }
  for (const q of off.filter((q) => passesGate(q.evidence, gate))) {
    console.log(`  answered off-topic ${fmt(q.evidence)}  ${q.question}`);
  }
}

/** Deterministic sample of `count` items (a fixed-stride walk, no randomness to seed). */
function sample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}

async function evalBbc(index: CorpusIndex, embedder: Embedder) {
  const articles = sample([...index.articles.values()], 300);
  console.log(
    `\nBBC known-item search: ${articles.length} titles as queries, ${index.passages.length} passages\n`,
  );
  console.log('| ranking | hit@1 | hit@3 | MRR@10 |');
  console.log('| --- | --- | --- | --- |');
  const rankings: { name: string; options: RankingOptions }[] = variants
    .filter((v) => v.options.ranking !== undefined)
    .map((v) => ({ name: v.name, options: v.options.ranking! }));
  const vectors = await embedder.embed(articles.map((a) => a.title));
  for (const { name, options } of rankings) {
    const ranks = articles.map((article, i) => {
      const ranked = rankPassages(index, article.title, vectors[i]!, options);
      const order: string[] = [];
      for (const hit of ranked) {
        const id = index.passages[hit.passage]!.articleId;
        if (!order.includes(id)) order.push(id);
        if (order.length === 10) break;
      }
      return order.indexOf(article.id) + 1;
    });
    const s = summarise(ranks);
    console.log(`| ${name} | ${pct(s.hit1)} | ${pct(s.hit3)} | ${s.mrr.toFixed(3)} |`);
  }
}

const embedder = await loadEmbedder({
  model: BUNDLED_MODEL_ID,
  explicit: true,
  cacheDir: path.join(root, '.cache/models'),
  hubTimeoutMs: 1000,
  warn: (m) => console.error(m),
});
const scratch = await mkdtemp(path.join(os.tmpdir(), 'coverage-eval-'));
try {
  await buildIndex(path.join(root, 'data/articles'), path.join(scratch, 'seeds'), embedder);
  await evalQa(
    'Seed QA set',
    'test/fixtures/qa.json',
    await openIndex(path.join(scratch, 'seeds')),
    embedder,
  );
  const bbc = path.resolve(root, '../shared/corpora/bbc');
  if (existsSync(bbc) && process.env.EVAL_SKIP_BBC === undefined) {
    await buildIndex(bbc, path.join(scratch, 'bbc'), embedder);
    const index = await openIndex(path.join(scratch, 'bbc'));
    await evalQa('BBC QA set', 'test/fixtures/bbc-qa.json', index, embedder);
    await evalBbc(index, embedder);
  } else {
    console.log(`\n(${bbc} not found: BBC evaluation skipped)`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
  await embedder.dispose();
}

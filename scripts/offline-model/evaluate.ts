/**
 * Measures an embedding model for the model card:
 *
 *   npx tsx scripts/offline-model/evaluate.ts [--model <id>] [--models-dir <dir>]
 *
 * - BBC retrieval: each article's title is a query; its opening paragraph must rank first
 *   among the openings of all 2,225 articles (hit@1, and mean reciprocal rank).
 * - Paraphrase pairs: a sentence must score its paraphrase above the other pairs' sentences.
 */
import path from 'node:path';
import { BUNDLED_MODEL_ID, defaultModelsDir } from '../../src/embed/load-embedder.js';
import { createTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { readBbcArticles } from './bbc.js';

/** Pairs written for this check (news register, different words for the same fact). */
export const PARAPHRASE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['The central bank raised interest rates.', 'Interest rates were increased by the central bank.'],
  ['The striker scored twice in the cup final.', 'Two goals from the forward won the final.'],
  ['The film won the award for best actress.', 'The movie took the best actress prize.'],
  [
    'Shares fell sharply after the profit warning.',
    'The stock dropped steeply following the warning on profits.',
  ],
  ['The government will cut taxes next year.', 'Ministers plan lower taxes from next year.'],
  [
    'The company is laying off 500 workers.',
    'Five hundred staff will lose their jobs at the firm.',
  ],
  [
    'The new phone has a bigger screen and longer battery life.',
    'The handset offers a larger display and a battery that lasts longer.',
  ],
  [
    'Police arrested two men after the robbery.',
    'Two suspects were detained by officers following the theft.',
  ],
  [
    'The singer cancelled her world tour because of illness.',
    'Illness forced the star to call off her concerts abroad.',
  ],
  [
    'Oil prices hit a record high on Monday.',
    'Crude reached its highest price ever at the start of the week.',
  ],
];

const dot = (a: Float32Array, b: Float32Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

function valueOf(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const model = valueOf('--model') ?? BUNDLED_MODEL_ID;
  const modelsDir = path.resolve(valueOf('--models-dir') ?? defaultModelsDir());
  const embedder = await createTransformersEmbedder({
    model,
    source: { remote: false, modelsDir },
  });

  const articles = readBbcArticles().filter((article) => article.paragraphs.length > 0);
  const titles = await embedder.embed(articles.map((article) => article.title));
  const openings = await embedder.embed(articles.map((article) => article.paragraphs[0]!));
  let hits = 0;
  let reciprocalRanks = 0;
  titles.forEach((title, i) => {
    const own = dot(title, openings[i]!);
    const better = openings.filter((opening, j) => j !== i && dot(title, opening) >= own).length;
    if (better === 0) hits++;
    reciprocalRanks += 1 / (better + 1);
  });

  const left = await embedder.embed(PARAPHRASE_PAIRS.map(([a]) => a));
  const right = await embedder.embed(PARAPHRASE_PAIRS.map(([, b]) => b));
  let correct = 0;
  let paraphraseSum = 0;
  let unrelatedSum = 0;
  left.forEach((a, i) => {
    const own = dot(a, right[i]!);
    paraphraseSum += own;
    const others = right.filter((_, j) => j !== i).map((b) => dot(a, b));
    unrelatedSum += others.reduce((s, x) => s + x, 0) / others.length;
    if (others.every((score) => score < own)) correct++;
  });
  await embedder.dispose();

  const n = articles.length;
  const pairs = PARAPHRASE_PAIRS.length;
  console.log(`model ${model} (${embedder.dimensions} dims)`);
  console.log(
    `BBC title → opening, ${n} articles: hit@1 ${((100 * hits) / n).toFixed(1)}%, MRR ${(reciprocalRanks / n).toFixed(3)}`,
  );
  console.log(
    `paraphrase pairs: ${correct}/${pairs} ranked first; mean cosine paraphrase ${(paraphraseSum / pairs).toFixed(3)}, unrelated ${(unrelatedSum / pairs).toFixed(3)}`,
  );
}

await main();

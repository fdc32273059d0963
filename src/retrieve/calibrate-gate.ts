import { fnv1a } from '../fnv1a.js';
import { lexicalTerms } from '../store/lexical-index.js';
import { examineQuestion, type AnswerDependencies } from './answer-question.js';
import {
  ABSENT_NAMES_DECLINE,
  GATE_FEATURE_SIGNS,
  GATE_FEATURES,
  GATE_VERSION,
  gateFeatures,
  type GateEvidence,
  type GateModel,
} from './gate.js';
import { DEFAULT_LOGISTIC, fitLogistic, logisticScore } from './logistic.js';
import { dotProduct } from './vector-search.js';

/**
 * Questions no news coverage should answer, asked of the coverage itself to find out how much
 * of an unrelated question's wording its passages happen to contain. They are not the
 * off-topic questions of the evaluation sets (test/fixtures/*.json), which stay held out.
 */
export const OFF_TOPIC_PROBES: readonly string[] = [
  'How many teaspoons are in a tablespoon?',
  'What is the chemical symbol for gold?',
  'How do I remove a red wine stain from a carpet?',
  'What is the tallest mountain in Africa?',
  'How long should I boil an egg for a runny yolk?',
  'What is the square root of 144?',
  'How do I change a flat bicycle tyre?',
  'Which ocean is the largest?',
  'How often should I water a cactus?',
  'What language is spoken in Brazil?',
  'How do I convert Celsius to Fahrenheit?',
  'What causes the northern lights?',
  'How many bones are in the human body?',
  'What is the best way to learn to juggle?',
  'Which gas do plants absorb from the air?',
  'How do I sharpen a kitchen knife?',
  'What is the longest river in South America?',
  'How many players are on a volleyball team?',
  'Why is the sky blue?',
  'How do I make a paper aeroplane?',
  'What is the freezing point of salt water?',
  'Who wrote the novel Moby Dick?',
  'How do bees make honey?',
  'What is the difference between a crocodile and an alligator?',
  'How do I unblock a kitchen sink?',
  'What year did the Titanic sink?',
  'How many hearts does an octopus have?',
  'What is the main ingredient of guacamole?',
  'How do I knit a scarf?',
  'Which vitamin comes from sunlight?',
  'How far is the moon from the earth?',
  'What is the plural of cactus?',
  'How do I tie a bow tie?',
  'What do pandas eat?',
  'How many strings does a violin have?',
  'What is the smallest prime number?',
  'How do I descale a kettle?',
  'Which continent is Egypt in?',
  'How long do tortoises live?',
  'What is origami?',
];

/** Tuning of the calibration; each value with the measurement that chose it (`npm run eval`). */
export interface CalibrationOptions {
  /** Questions generated from the coverage's own sentences (the answerable side). */
  readonly positives: number;
  /** Word combinations the coverage never has together (the unanswerable side, with probes). */
  readonly negatives: number;
  /**
   * Share of the generated answerable questions the gate may decline: the operating point.
   * Generated questions are harder than real ones (words dropped and replaced at random).
   */
  readonly falseDeclineRate: number;
  /** Scores above this quantile of the probes are answered without reservation… */
  readonly confidentQuantile: number;
  /**
   * …and so are all but this share of the generated answerable questions. With the probes
   * alone, 46% of BBC's generated questions, 38 of 149 answered tuning headlines and 3 of 59
   * BBC questions came out "low". At 0.3 / 0.2 / 0.1 (tuning halves): 24 / 12 / 5 headlines
   * and 2 / 1 / 1 questions, while 6 / 6 / 5 of the 9 off-topic questions answered stay
   * marked (7 before).
   */
  readonly lowShare: number;
  /**
   * The rule that declines a question whose distinctive names the gate's passages lack
   * (ABSENT_NAMES_DECLINE) is used only if it declines at most this share of the generated
   * answerable questions: with the bundled model 0–0.4% on BBC (and 13–14% of the generated
   * unanswerable ones); with the plain-mean variant, whose ranking is weaker, 2.5%, and its
   * false declines on the evaluation sets rose with the rule (seeds 0 → 2.3%, headlines 4.4 →
   * 7.6% held-out, measured with the first, share-based form of the rule).
   */
  readonly absentNamesBudget: number;
  /** Chance that each word of a generated question is replaced by an everyday word. */
  readonly paraphraseRate: number;
  readonly probes: readonly string[];
}

export const DEFAULT_CALIBRATION: CalibrationOptions = {
  positives: 240,
  negatives: 200,
  // On the tuning halves, 3% / 5% / 8% declined 3.7% / 4.3% / 10.5% of BBC headlines (and
  // 0% / 0% / 2.3% of seed questions) and 53% / 67% / 80% of BBC off-topic questions.
  falseDeclineRate: 0.05,
  confidentQuantile: 0.95,
  lowShare: 0.2,
  absentNamesBudget: 0.01,
  paraphraseRate: 0.3,
  probes: OFF_TOPIC_PROBES,
};

/**
 * Everyday words that stand in for a paraphrase in generated questions: the asker's word for
 * something the coverage words differently ("object" for "opposed").
 */
const PARAPHRASE_WORDS = `news report latest claim plan deal talks issue problem change future
  support oppose object warn reject agree rise fall cut boost hit face call push move back
  deny admit reveal urge demand promise threat fear hope row crisis case move effort`
  .split(/\s+/)
  .filter((word) => word !== '');

/** Question frames; generated questions read like the ones people ask. */
const FRAMES = [
  'What',
  'Who',
  'Why did',
  'How did',
  'When did',
  'Where did',
  'Did',
  'Is',
  'What happened to',
];

/** A small deterministic PRNG (mulberry32): the same coverage always gets the same gate. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Words of a text that carry meaning (the lexical index keeps a term for them). */
function contentWords(text: string): string[] {
  return (text.match(WORD) ?? []).filter((word) => lexicalTerms(word).length > 0);
}

/**
 * Generates the two sides the gate is fitted on, from the coverage itself:
 * - answerable: 2–5 content words of one sentence, in order, as keywords or after a question
 *   frame, each word replaced by an everyday word at `paraphraseRate` (a paraphrase the
 *   coverage does not use; one word always kept) — or, in 15%, one capitalised name alone
 *   ("Lammy");
 * - unanswerable: 2–4 content words taken from different articles such that no passage holds
 *   two of them ("sky" and "blue" both occur in the news, never together), with the same
 *   everyday-word noise beyond the first two; the probes are returned beside them, as given.
 */
export function generateCalibrationQuestions(
  passages: readonly { readonly articleId: string; readonly sentences: readonly string[] }[],
  options: Pick<CalibrationOptions, 'positives' | 'negatives' | 'probes' | 'paraphraseRate'>,
  seed: number,
): { positives: string[]; probes: string[]; negatives: string[] } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const noise = PARAPHRASE_WORDS;
  const frame = (words: string[]) =>
    next() < 0.5 ? words.join(' ') : `${pick(FRAMES)} ${words.join(' ')}?`;
  const positives: string[] = [];
  const probes = [...options.probes];
  if (passages.length === 0) return { positives, probes, negatives: [] };

  for (
    let attempt = 0;
    positives.length < options.positives && attempt < options.positives * 5;
    attempt++
  ) {
    const words = contentWords(pick(pick(passages).sentences));
    if (next() < 0.15) {
      const names = words.slice(1).filter((word) => /^\p{Lu}\p{Ll}{2,}/u.test(word));
      if (names.length > 0) positives.push(pick(names));
      continue;
    }
    if (words.length < 3) continue;
    const k = 2 + Math.floor(next() * 4);
    const span = Math.min(words.length, k + Math.floor(next() * 3));
    const from = Math.floor(next() * (words.length - span + 1));
    let chosen = words.slice(from, from + span);
    while (chosen.length > k) chosen.splice(Math.floor(next() * chosen.length), 1);
    const kept = chosen.map(() => next() >= options.paraphraseRate);
    if (!kept.includes(true)) kept[Math.floor(next() * kept.length)] = true;
    chosen = chosen.map((word, i) => (kept[i] ? word : pick(noise)));
    positives.push(frame(chosen));
  }

  // Which passages hold each term, so that "never together" is a set intersection rather than
  // a scan of every passage (0.7 s of a BBC-sized fit).
  const holders = new Map<string, Set<number>>();
  passages.forEach((passage, row) => {
    for (const term of passage.sentences.flatMap((s) => lexicalTerms(s))) {
      const rows = holders.get(term);
      if (rows === undefined) holders.set(term, new Set([row]));
      else rows.add(row);
    }
  });
  const together = (a: string, b: string) => {
    const [small, large] = [holders.get(a), holders.get(b)].sort(
      (x, y) => (x?.size ?? 0) - (y?.size ?? 0),
    );
    if (small === undefined || large === undefined) return false;
    for (const row of small) if (large.has(row)) return true;
    return false;
  };
  const negatives: string[] = [];
  const articles = new Set(passages.map((passage) => passage.articleId)).size;
  const generated = options.negatives;
  for (let attempt = 0, made = 0; made < generated && attempt < generated * 10; attempt++) {
    const k = 2 + Math.floor(next() * 3);
    const words: string[] = [];
    const terms: string[] = [];
    const from = new Set<string>();
    for (let tries = 0; words.length < k && tries < 20; tries++) {
      const passage = pick(passages);
      if (articles > 1 && from.has(passage.articleId)) continue;
      const word = pick(contentWords(pick(passage.sentences)).concat(['']));
      const term = lexicalTerms(word)[0];
      if (term === undefined || terms.some((t) => t === term || together(t, term))) continue;
      words.push(word);
      terms.push(term);
      from.add(passage.articleId);
    }
    if (words.length < 2) continue;
    // The answerable side's everyday-word noise, here too (two real words always kept): a
    // word the coverage lacks must not pass for a sign of an answerable question. Tuning
    // halves over four samples of generated questions: BBC off-topic declined 53–80% →
    // 60–80%, seeds 75–92% → 83–92%, headline false declines unchanged or lower.
    const noisy = words.map((word, i) =>
      i >= 2 && next() < options.paraphraseRate ? pick(noise) : word,
    );
    negatives.push(frame(noisy));
    made++;
  }
  return { positives, probes, negatives };
}

/** The q-quantile of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * Fits the no-answer gate to this coverage and its embedding model: generates answerable and
 * unanswerable questions from the coverage (generateCalibrationQuestions), measures the
 * gate's evidence for each through the real ranking, fits a logistic model on it, and sets
 * the answer threshold so that `falseDeclineRate` of the answerable side is declined. The same
 * procedure serves any model: cosines that mean more (a contextual hub model) get more weight.
 */
export async function calibrateGate(
  deps: AnswerDependencies,
  options: Partial<CalibrationOptions> = {},
): Promise<GateModel> {
  const opts = { ...DEFAULT_CALIBRATION, ...options };
  const { index } = deps;
  const passages = index.passages.map((passage) => {
    const article = index.articles.get(passage.articleId)!;
    return {
      articleId: passage.articleId,
      sentences: passage.sentences.map(([start, end]) => article.text.slice(start, end)),
    };
  });
  const seed = fnv1a(
    Object.values(index.manifest.articles)
      .map((a) => a.hash)
      .sort()
      .join(),
  );
  const {
    positives,
    probes: probeQuestions,
    negatives,
  } = generateCalibrationQuestions(passages, opts, seed);
  const measure = async (questions: readonly string[]) => {
    const evidence: GateEvidence[] = [];
    for (const question of questions) {
      const examined = await examineQuestion(deps, question);
      if (examined !== undefined) evidence.push(examined.evidence);
    }
    return evidence;
  };
  const yesEvidence = await measure(positives);
  const negativeEvidence = await measure(negatives);
  const yes = yesEvidence.map(gateFeatures);
  const probes = (await measure(probeQuestions)).map(gateFeatures);
  const no = [...probes, ...negativeEvidence.map(gateFeatures)];
  if (yes.length < MIN_EXAMPLES || no.length < MIN_EXAMPLES) {
    return coverageOnlyGate(index.manifest.model.id, no, yes.length);
  }
  const model = fitLogistic(
    [...yes, ...no],
    [...yes.map(() => 1 as const), ...no.map(() => 0 as const)],
    { ...DEFAULT_LOGISTIC, signs: GATE_FEATURE_SIGNS },
  );
  const yesScores = yes.map((x) => logisticScore(model, x));
  const noScores = no.map((x) => logisticScore(model, x));
  const answerAt = quantile(yesScores, opts.falseDeclineRate);
  // "Clearly answers" is judged against questions nobody could take for the coverage's (the
  // probes): generated word pairs of a one-story coverage score like real questions about it.
  // Against all negatives, 28 of the 85 answerable seed questions came out "low" (all 85 "high"
  // against the probes); on BBC questions 1 / 5 of 56, and off-topic answered high 4 / 2 of 30.
  // And no more than `lowShare` of the generated answerable questions fall below it: "doesn't
  // answer this directly" must not be what most answers of a broad coverage say.
  const probeScores = probes.map((x) => logisticScore(model, x));
  const confidentAt = Math.max(
    answerAt,
    Math.min(quantile(probeScores, opts.confidentQuantile), quantile(yesScores, opts.lowShare)),
  );
  const sameFactSimilarity = await sameFactThreshold(deps, passages, seed);
  const share = (scores: number[], at: number) =>
    round(scores.filter((score) => score >= at).length / Math.max(1, scores.length));
  const absent = (evidence: GateEvidence[]) =>
    share(
      evidence.map((e) => e.absentNames),
      ABSENT_NAMES_DECLINE,
    );
  const vetoed = absent(yesEvidence);
  return {
    version: GATE_VERSION,
    modelId: index.manifest.model.id,
    features: GATE_FEATURES,
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
    answerAt: round(answerAt),
    confidentAt: round(confidentAt),
    ...(sameFactSimilarity === undefined ? {} : { sameFactSimilarity: round(sameFactSimilarity) }),
    ...(vetoed <= opts.absentNamesBudget ? { absentNamesAt: ABSENT_NAMES_DECLINE } : {}),
    calibration: {
      positives: yes.length,
      negatives: no.length,
      positivesAnswered: share(yesScores, answerAt),
      negativesAnswered: share(noScores, answerAt),
      positivesConfident: share(yesScores, confidentAt),
      positivesAbsentNames: vetoed,
      negativesAbsentNames: absent(negativeEvidence),
    },
  };
}

/** Sentence pairs from different articles sampled to learn what unrelated sentences score. */
const SAME_FACT_PAIRS = 300;
/**
 * Where between unrelated sentences' 99th-percentile cosine and 1 "the same fact" begins. With
 * the bundled model that percentile is 0.57 on BBC and the bar lands at 0.89, where the
 * hand-set 0.9 measured well; a plain-mean GloVe model scores unrelated pairs 0.97 and gets 0.99.
 */
const SAME_FACT_MARGIN = 0.75;

/**
 * The cosine above which two sentences of this coverage say the same thing for this model,
 * from the cosines of sentence pairs drawn from different articles; undefined for a coverage
 * of a single article.
 */
async function sameFactThreshold(
  deps: AnswerDependencies,
  passages: readonly { readonly articleId: string; readonly sentences: readonly string[] }[],
  seed: number,
): Promise<number | undefined> {
  const next = random(seed ^ 0x5f3759df);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pairs: [string, string][] = [];
  for (let tries = 0; pairs.length < SAME_FACT_PAIRS && tries < SAME_FACT_PAIRS * 4; tries++) {
    const a = pick(passages);
    const b = pick(passages);
    if (a.articleId !== b.articleId) pairs.push([pick(a.sentences), pick(b.sentences)]);
  }
  if (pairs.length < MIN_EXAMPLES) return undefined;
  const vectors = await deps.embedder.embed(pairs.flat());
  const cosines = pairs.map((_, i) => dotProduct(vectors[2 * i]!, vectors[2 * i + 1]!));
  const typical = quantile(cosines, 0.99);
  return typical + (1 - typical) * SAME_FACT_MARGIN;
}

/** Fewer generated questions than this on either side (a coverage of a few lines) is no basis for a fit. */
const MIN_EXAMPLES = 10;

/** Term coverage a question must reach when the coverage is too small to fit a model on. */
const FALLBACK_TERM_COVERAGE = 0.15;

/**
 * The gate for a coverage too small to generate questions from: term coverage alone, above
 * what any probe reached here and at least FALLBACK_TERM_COVERAGE.
 */
function coverageOnlyGate(
  modelId: string,
  probes: readonly number[][],
  positives: number,
): GateModel {
  const at = GATE_FEATURES.indexOf('termCoverage');
  const reached = Math.max(0, ...probes.map((x) => x[at]!));
  const threshold = Math.max(FALLBACK_TERM_COVERAGE, reached + 0.01);
  return {
    version: GATE_VERSION,
    modelId,
    features: GATE_FEATURES,
    mean: GATE_FEATURES.map(() => 0),
    scale: GATE_FEATURES.map(() => 1),
    weights: GATE_FEATURES.map((_, i) => (i === at ? 1 : 0)),
    bias: 0,
    answerAt: round(threshold),
    confidentAt: round(threshold),
    calibration: { positives, negatives: probes.length, fallback: 1 },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

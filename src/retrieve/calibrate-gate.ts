import { examineQuestion, type AnswerDependencies } from './answer-question.js';
import { gateThresholdsFor, type GateThresholds } from './gate.js';

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

/** Probe coverage quantile above which the threshold is set, and the margin added to it. */
const QUANTILE = 0.9;
const MARGIN = 0.02;
/**
 * Never demand more than this share of a question's terms: questions in the evaluation sets
 * that the coverage does answer reached at least 0.76 on the BBC corpus.
 */
const MAX_TERM_COVERAGE = 0.7;

/**
 * Tunes the gate to this coverage. How much of an unrelated question's wording turns up in
 * the best passages depends on the coverage: five reports on one story share almost no words
 * with "What is the capital of Australia?" (≤ 0.08), while 2,225 BBC articles on every subject
 * contain most words of most questions (0.27–1.0 for the held-out off-topic questions). So the
 * term-coverage threshold is raised above what the probes reach here (their 90th percentile
 * plus a margin), never below the model's calibrated floor nor above MAX_TERM_COVERAGE.
 */
export async function calibrateGate(
  deps: AnswerDependencies,
  base: GateThresholds = gateThresholdsFor(deps.index.manifest.model.id),
  probes: readonly string[] = OFF_TOPIC_PROBES,
): Promise<GateThresholds> {
  const coverages: number[] = [];
  for (const probe of probes) {
    const examined = await examineQuestion(deps, probe);
    if (examined !== undefined) coverages.push(examined.evidence.termCoverage);
  }
  if (coverages.length === 0) return base;
  const observed = quantile(coverages, QUANTILE) + MARGIN;
  return {
    ...base,
    minTermCoverage: Math.max(base.minTermCoverage, Math.min(MAX_TERM_COVERAGE, observed)),
  };
}

/** The q-quantile of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * The no-answer gate: does the coverage answer this question at all? Fusion ranks passages
 * relative to each other, so it always has a "best" passage even for a question about
 * something else entirely; the gate looks at absolute evidence instead.
 */

/** Evidence about the best candidates of one question. */
export interface GateEvidence {
  /** Highest cosine between the question and a top candidate passage. */
  readonly similarity: number;
  /** Highest IDF-weighted share of question terms found in a top candidate (0–1). */
  readonly termCoverage: number;
}

/** Thresholds of the gate; see `gateThresholdsFor`. */
export interface GateThresholds {
  /** Answer when the best term coverage reaches this… */
  readonly minTermCoverage: number;
  /** …and the best similarity reaches this. */
  readonly minSimilarity: number;
  /** Answer on meaning alone (no shared terms needed) above this similarity. */
  readonly semanticOnly: number;
}

/**
 * Per-model thresholds, calibrated with `npm run calibrate` on the seed QA set
 * (test/fixtures/qa.json: on-topic vs off-topic questions) and on BBC title questions against
 * off-topic ones; the values sit in the gap between the two groups. Cosines are not comparable
 * across models, hence one entry per model.
 */
const CALIBRATED: Readonly<Record<string, GateThresholds>> = {
  'coverage-bot/glove-sif-100d': { minTermCoverage: 0.45, minSimilarity: 0.3, semanticOnly: 0.8 },
  'Xenova/all-MiniLM-L6-v2': { minTermCoverage: 0.45, minSimilarity: 0.3, semanticOnly: 0.7 },
};

/**
 * A model nobody calibrated gets a conservative gate that leans on shared terms, which mean
 * the same whatever the model.
 */
const UNCALIBRATED: GateThresholds = { minTermCoverage: 0.5, minSimilarity: 0, semanticOnly: 1.01 };

/** The gate thresholds for answers embedded with `modelId`. */
export function gateThresholdsFor(modelId: string): GateThresholds {
  return CALIBRATED[modelId] ?? UNCALIBRATED;
}

/** True when the evidence is strong enough to answer. */
export function passesGate(evidence: GateEvidence, thresholds: GateThresholds): boolean {
  if (evidence.similarity >= thresholds.semanticOnly) return true;
  return (
    evidence.termCoverage >= thresholds.minTermCoverage &&
    evidence.similarity >= thresholds.minSimilarity
  );
}

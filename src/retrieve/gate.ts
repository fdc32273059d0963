/**
 * The no-answer gate: does the coverage answer this question at all? Fusion ranks passages
 * relative to each other, so it always has a "best" passage even for a question about
 * something else entirely; the gate looks at absolute evidence instead, combined by a small
 * logistic model that `calibrateGate` fits on each coverage (and each embedding model) at
 * ingest. Nothing here is tuned by hand per model.
 */

/** Evidence about the best candidates of one question; see gate-evidence.ts for each. */
export interface GateEvidence {
  /** Highest cosine between the question and a top candidate passage (model-specific scale). */
  readonly similarity: number;
  /** Highest IDF-weighted share of the question's terms found in one top passage (0–1). */
  readonly termCoverage: number;
  /** That passage's matched IDF mass, in units of the coverage's largest IDF. */
  readonly matchedMass: number;
  /** The same for the best single sentence of the top passages: terms found together. */
  readonly sentenceMass: number;
  /** log(1 + best BM25 score ÷ the question's IDF mass): how strongly BM25 matched at all. */
  readonly lexicalStrength: number;
  /** (best − third best BM25 score) ÷ best: one clear match rather than many weak ones. */
  readonly lexicalGap: number;
  /** Share of the question's IDF mass in terms the coverage never uses (nor a variant). */
  readonly unknownShare: number;
  /**
   * The same among the names the question capitalises. An unknown everyday word is often a
   * paraphrase ("soldiers" for "troops"); an unknown name ("Brazil") is a question about
   * something the coverage does not report.
   */
  readonly unknownNameShare: number;
  /**
   * How many distinctive names of the question (known to the coverage, in at most
   * DISTINCTIVE_NAME_SHARE of its passages; abbreviations left out, since articles spell them
   * out) no passage the gate reads holds, nor the rest of its article. "Britain's gold
   * medals at the Tokyo Olympics": the coverage reports Britain's medals at Athens and
   * mentions Tokyo elsewhere, never the two together. Not a feature of the fitted model but a
   * rule on top of it (`GateModel.absentNamesAt`). A year counts as such a name however common
   * ("the Man Booker Prize in 2005" in coverage of 2004's), and so does a year the coverage
   * never mentions ("the Eurovision Song Contest in 2023", asked of coverage from 2004–05).
   */
  readonly absentNames: number;
}

/** The evidence the gate's model reads, in the order of its weights. */
export const GATE_FEATURES = [
  'similarity',
  'termCoverage',
  'matchedMass',
  'sentenceMass',
  'lexicalStrength',
  'lexicalGap',
  'unknownShare',
  'unknownNameShare',
] as const satisfies readonly (keyof GateEvidence)[];

/** Direction of each feature's effect on answerability (logistic.ts `signs`). */
export const GATE_FEATURE_SIGNS: readonly (-1 | 0 | 1)[] = [1, 1, 1, 1, 1, 1, -1, -1];

/** Bumped when the features or their meaning change: a stored model of another version is refitted. */
export const GATE_VERSION = 6;

/**
 * A fitted gate, stored in the index manifest (`gate`): a logistic model over standardised
 * evidence, and two operating points on its score.
 */
export interface GateModel {
  readonly version: number;
  /** The embedding model whose cosines the weights were fitted on. */
  readonly modelId: string;
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Answer at or above this score (chosen for a stated false-decline rate)… */
  readonly answerAt: number;
  /** …and say so without reservation from this score up (above most off-topic probes). */
  readonly confidentAt: number;
  /**
   * Cosine of two sentences above which they say the same thing, for this model: calibrated
   * with the gate (calibrate-gate.ts `sameFactThreshold`), since a cosine that means "the same"
   * for one model is ordinary for another. Absent: `AnswerOptions.sameFactSimilarity`.
   */
  readonly sameFactSimilarity?: number;
  /**
   * Declined whatever the score from this many `absentNames` up (ABSENT_NAMES_DECLINE), when
   * the calibration found that it spares the generated answerable questions; absent: no such
   * rule (a model whose ranking too often leaves a question's names out of its best passages).
   */
  readonly absentNamesAt?: number;
  /** How the calibration went, for `npm run eval` and the closing note. */
  readonly calibration?: Readonly<Record<string, number>>;
  /**
   * Share of the coverage's passages added, changed or removed since the fit (summed over the
   * ingests that kept this gate; absent or 0 when just fitted). See `carriedGate`.
   */
  readonly drift?: number;
}

/** How sure the gate is: `declined` means the coverage does not answer the question. */
export type GateVerdict = 'confident' | 'low' | 'declined';

/** A gate that answers everything (for measuring ranking alone). */
export const OPEN_GATE: GateModel = {
  version: GATE_VERSION,
  modelId: '*',
  features: GATE_FEATURES,
  mean: GATE_FEATURES.map(() => 0),
  scale: GATE_FEATURES.map(() => 1),
  weights: GATE_FEATURES.map(() => 0),
  bias: 0,
  answerAt: -Infinity,
  confidentAt: -Infinity,
};

/** The feature vector of some evidence, in GATE_FEATURES order. */
export function gateFeatures(evidence: GateEvidence): number[] {
  return GATE_FEATURES.map((name) => evidence[name]);
}

/** The gate model's score (log-odds that the coverage answers) for some evidence. */
export function gateScore(evidence: GateEvidence, model: GateModel): number {
  const x = gateFeatures(evidence);
  let score = model.bias;
  for (let i = 0; i < x.length; i++) {
    score += (model.weights[i] ?? 0) * ((x[i]! - (model.mean[i] ?? 0)) / (model.scale[i] ?? 1));
  }
  return score;
}

/**
 * A question is declined, whatever its score, when this many of its distinctive names are in
 * none of the passages the gate reads (`absentNames`): it asks about things the coverage
 * reports only apart. On the tuning halves of `npm run eval` this declined 7 of the 27 BBC
 * off-topic questions ("the 2022 World Cup in Qatar", "Usain Bolt at the Beijing Olympics"),
 * 4 of them answered before, and none of 59 answerable BBC questions, 43 seed questions or
 * 162 headlines the gate answered. Used only where the calibration finds it safe for the
 * model (`GateModel.absentNamesAt`).
 */
export const ABSENT_NAMES_DECLINE = 1;

/** The gate's verdict on some evidence. */
export function judge(evidence: GateEvidence, model: GateModel): GateVerdict {
  if (model.absentNamesAt !== undefined && evidence.absentNames >= model.absentNamesAt) {
    return 'declined';
  }
  const score = gateScore(evidence, model);
  if (score >= model.confidentAt) return 'confident';
  return score >= model.answerAt ? 'low' : 'declined';
}

/** True when a stored gate model fits this index's embedding model and this code. */
export function isUsableGate(model: unknown, modelId: string): model is GateModel {
  if (typeof model !== 'object' || model === null) return false;
  const m = model as Partial<GateModel>;
  return (
    m.version === GATE_VERSION &&
    m.modelId === modelId &&
    Array.isArray(m.weights) &&
    m.weights.length === GATE_FEATURES.length &&
    Array.isArray(m.mean) &&
    m.mean.length === GATE_FEATURES.length &&
    Array.isArray(m.scale) &&
    m.scale.length === GATE_FEATURES.length &&
    typeof m.bias === 'number' &&
    typeof m.answerAt === 'number' &&
    typeof m.confidentAt === 'number'
  );
}

/**
 * How much of the coverage may change before an ingest fits the gate again. Refitting is not
 * free (about 4 s of a BBC-sized ingest, on every refresh of the running bot) and not more
 * accurate: on BBC, a gate fitted without 1 / 2 / 5 / 10 / 20% of the articles decided 0.7 /
 * 4.7 / 2.0 / 0.7 / 1.0% of 406 evaluation questions differently from one fitted on all of
 * them. The differences come from the sample of generated questions, which any change of
 * the coverage redraws, not from the share left out.
 */
export const GATE_REFIT_DRIFT = 0.2;

/**
 * The stored gate to keep for an updated coverage, with its drift grown by `changedShare`
 * (passages added, changed or removed, over the new total); undefined when it must be fitted
 * again: none stored, made for another model or version, or drifted past GATE_REFIT_DRIFT.
 */
export function carriedGate(
  stored: unknown,
  modelId: string,
  changedShare: number,
): GateModel | undefined {
  if (!isUsableGate(stored, modelId)) return undefined;
  const drift = (typeof stored.drift === 'number' ? stored.drift : 0) + changedShare;
  if (!(drift <= GATE_REFIT_DRIFT)) return undefined;
  return { ...stored, drift: Math.round(drift * 10_000) / 10_000 };
}

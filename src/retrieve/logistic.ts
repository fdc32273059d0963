/**
 * A logistic regression small enough to fit at every ingest: standardised features, L2
 * penalty, classes weighted equally whatever their sizes, plain gradient descent from zero
 * (deterministic: the same data always gives the same model). Seven features and a few
 * hundred examples converge in well under a second.
 */
export interface LogisticModel {
  readonly mean: number[];
  readonly scale: number[];
  readonly weights: number[];
  readonly bias: number;
}

export interface LogisticOptions {
  /** L2 penalty on the (standardised) weights. */
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
  /**
   * Known direction of each feature's effect: +1 (more evidence can only help), -1 (can only
   * hurt), 0 (free). Weights are kept on their side during fitting, so a quirk of generated
   * training data cannot teach the model that, say, unknown words make an answer likelier.
   */
  readonly signs?: readonly (-1 | 0 | 1)[];
}

export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 0.01, iterations: 3000, learningRate: 0.5 };

/** Fits P(label = 1 | x). Needs at least one example of each label. */
export function fitLogistic(
  examples: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: LogisticOptions = DEFAULT_LOGISTIC,
): LogisticModel {
  const n = examples.length;
  const d = examples[0]?.length ?? 0;
  const positives = labels.filter((label) => label === 1).length;
  if (positives === 0 || positives === n) throw new Error('fitLogistic: needs both labels');
  const mean = Array.from({ length: d }, (_, j) => examples.reduce((s, x) => s + x[j]!, 0) / n);
  const scale = mean.map((m, j) => {
    const variance = examples.reduce((s, x) => s + (x[j]! - m) ** 2, 0) / n;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const z = examples.map((x) => x.map((value, j) => (value - mean[j]!) / scale[j]!));
  const sampleWeight = labels.map((label) => 0.5 / (label === 1 ? positives : n - positives));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    let gradientBias = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i]!;
      let t = bias;
      for (let j = 0; j < d; j++) t += weights[j]! * row[j]!;
      const error = (1 / (1 + Math.exp(-t)) - labels[i]!) * sampleWeight[i]!;
      for (let j = 0; j < d; j++) gradient[j]! += error * row[j]!;
      gradientBias += error;
    }
    for (let j = 0; j < d; j++) {
      let w = weights[j]! - options.learningRate * (gradient[j]! + options.l2 * weights[j]!);
      const sign = options.signs?.[j] ?? 0;
      if (sign * w < 0) w = 0;
      weights[j] = w;
    }
    bias -= options.learningRate * gradientBias;
  }
  return { mean, scale, weights, bias };
}

/** The model's log-odds for one example. */
export function logisticScore(model: LogisticModel, x: readonly number[]): number {
  let t = model.bias;
  for (let j = 0; j < x.length; j++) {
    t += model.weights[j]! * ((x[j]! - model.mean[j]!) / model.scale[j]!);
  }
  return t;
}

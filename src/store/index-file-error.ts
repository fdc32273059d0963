/**
 * A file of an index folder is not what this version wrote (missing, truncated, wrong shape).
 * Raised while reading; `openIndex` and `readStoredIndex` turn it into a `CorruptIndexError`
 * that names the folder and says how to rebuild.
 */
export class IndexFileError extends Error {
  override readonly name = 'IndexFileError';
}

/**
 * An error whose message is safe and useful to show to the person using coverage-bot
 * (terminal or Discord): it says what went wrong and what to do next. Anything that is
 * not a UserError is an internal fault: log it in full, show a short generic message.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** True when `error` carries a message meant for the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** True for a file-system error saying the path does not exist (ENOENT). */
export function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * The index folder is recognisably coverage-bot's (it has our `manifest.json`) but one of its
 * files is unreadable or not what this version wrote. `problem` says which file and how;
 * `ingest --force` rebuilds such an index. Callers that know how the user named the folder
 * replace the generic advice of `message` with their own (see `src/app/folders.ts`).
 */
export class CorruptIndexError extends UserError {
  override readonly name: string = 'CorruptIndexError';
  constructor(
    readonly indexDir: string,
    readonly problem: string,
    options?: ErrorOptions,
  ) {
    super(
      `The index in ${indexDir} is damaged (${problem}). Rebuild it with \`npm run ingest -- --force\`.`,
      options,
    );
  }
}

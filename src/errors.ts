/**
 * An error whose message is safe and useful to show to the person using coverage-bot
 * (terminal or Discord): it says what went wrong and what to do next. Anything that is
 * not a UserError is an internal fault: log it in full, show a short generic message.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** True when `error` carries a message meant for the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** True for a file-system error saying the path does not exist (ENOENT). */
export function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

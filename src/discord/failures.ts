import { randomBytes } from 'node:crypto';
import { isUserError } from '../errors.js';
import type { Logger } from '../log.js';

/** A short id that links what the user sees to the log line with the details. */
export function newReference(): string {
  return randomBytes(4).toString('hex');
}

/**
 * What to tell the user about `error`, after logging it. A `UserError` already says what
 * to do and is shown as is; anything else is logged in full under a reference id and the
 * user sees only that id — internal details (paths, stack traces) stay in the log.
 */
export function describeFailure(error: unknown, log: Logger, context: string): string {
  if (isUserError(error)) {
    log.info(`${context}: ${error.message}`);
    return error.message;
  }
  const reference = newReference();
  log.error(`[ref ${reference}] ${context} failed`, error);
  return `Sorry, something went wrong on my side (reference \`${reference}\`). Please try again in a moment; if it keeps failing, give the bot's owner this reference.`;
}

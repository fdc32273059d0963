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

/** Node's codes for "the other side could not be reached". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A start-up or registration failure as one line the operator can act on: a network error
 * says which address was unreachable and what to check, instead of a stack trace. Undefined
 * for anything else (logged in full by the caller).
 */
export function describeConnectionFailure(
  error: unknown,
  apiUrl: string | undefined,
): string | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== undefined && UNREACHABLE.has(code)) {
      const where = apiUrl ?? "Discord's API (https://discord.com/api)";
      return (
        `Could not reach ${where} (${code}). Check the network connection` +
        (apiUrl === undefined ? '.' : ', or unset DISCORD_API_URL to use Discord itself.')
      );
    }
    cause = cause.cause;
  }
  return undefined;
}

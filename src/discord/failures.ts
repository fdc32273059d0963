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
 * says which address was unreachable and what to check, instead of a stack trace. An API
 * that accepts the connection but never answers ends in discord.js's request timeout, an
 * `AbortError` (a `DOMException`, after the REST client's retries: about 61 s by default),
 * and gets its own line. Undefined for anything else (logged in full by the caller).
 */
export function describeConnectionFailure(
  error: unknown,
  apiUrl: string | undefined,
): string | undefined {
  const where = apiUrl ?? "Discord's API (https://discord.com/api)";
  const advice = apiUrl === undefined ? '.' : ', or unset DISCORD_API_URL to use Discord itself.';
  let cause: unknown = error;
  // DOMException is an Error in Node 20, but check by name: it crosses realms in tests.
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) {
      return `Could not reach ${where} (${code}). Check the network connection${advice}`;
    }
    if ((cause as Error).name === 'AbortError' || (cause as Error).name === 'TimeoutError') {
      return (
        `${where} accepted the connection but did not answer in time. Check the network ` +
        `connection and any proxy or firewall on the way${advice}`
      );
    }
    cause = (cause as Error).cause;
  }
  return undefined;
}

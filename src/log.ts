import { inspect } from 'node:util';
// The one pure helper this base module needs from above it: the terminal is where logs go.
import { terminalSafe } from './terminal-text.js';

/** Where progress and warnings go. The CLI and the bot log to stderr; tests collect lines. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/**
 * Logs to stderr, so that stdout stays clean for answers and JSON. Messages quote what files
 * and pages hold (file names, front matter values, page titles), so every line goes through
 * `terminalSafe`: an article named "\x1b]0;…" or with `published: "\e[2J"` must not retitle or
 * clear the terminal it is reported on. The message is never a format string (a "%o" in a
 * file name stays as it is).
 */
export const stderrLogger: Logger = {
  info: (message) => writeLine(message),
  warn: (message) => writeLine(`warning: ${message}`),
  error: (message, error) =>
    writeLine(`error: ${message}${error === undefined ? '' : ` ${inspect(error)}`}`),
};

function writeLine(text: string): void {
  process.stderr.write(`${terminalSafe(text)}\n`);
}

/** A logger that keeps its lines, for tests and for quiet runs. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    error: (message, error) =>
      lines.push(`error: ${message}${error instanceof Error ? ` (${error.message})` : ''}`),
  };
}

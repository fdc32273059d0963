/** Where progress and warnings go. The CLI and the bot log to stderr; tests collect lines. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Logs to stderr, so that stdout stays clean for answers and JSON. */
export const stderrLogger: Logger = {
  info: (message) => console.error(message),
  warn: (message) => console.error(`warning: ${message}`),
  error: (message, error) =>
    console.error(`error: ${message}`, ...(error === undefined ? [] : [error])),
};

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

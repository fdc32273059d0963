import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The fixture web server (test/fixtures/web/server.mjs), run as a child process. */
export interface FixtureServer {
  readonly base: string;
  /** Requests received since the last call (path, headers). */
  requests(): Promise<{ path: string; headers: Record<string, string>; host: string }[]>;
  /** What /robots.txt answers from now on: its text, "503" for a server error, "" for none. */
  setRobots(text: string): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(import.meta.dirname, '../fixtures/web/server.mjs');

/** Starts the server and waits until it listens. */
export async function startFixtureServer(host = '127.0.0.1'): Promise<FixtureServer> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, host], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fixture server exited (${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    requests: async () => {
      const response = await fetch(`${base}/__requests`);
      return (await response.json()) as Awaited<ReturnType<FixtureServer['requests']>>;
    },
    setRobots: async (text) => {
      await fetch(`${base}/__robots`, { method: 'PUT', body: text });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A loopback HTTP server standing in for the model hub in tests. */
export interface FakeHub {
  /** Base URL to use as the hub URL, ending in `/`. */
  readonly url: string;
  /** Paths requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** A hub that accepts connections and never answers. */
export async function hangingHub(): Promise<FakeHub> {
  const requests: string[] = [];
  const server = createServer((request) => {
    requests.push(request.url ?? '');
  });
  return { url: await listen(server), requests, close: closer(server) };
}

/**
 * A hub serving the files of `folder` as model `modelId`, the way the Hugging Face hub lays
 * them out (`<id>/resolve/main/<file>`); anything else is a 404. `onRequest` hears of each
 * request before it is answered.
 */
export async function servingHub(
  modelId: string,
  folder: string,
  onRequest: (url: string) => void = () => {},
): Promise<FakeHub> {
  const requests: string[] = [];
  const prefix = `/${modelId}/resolve/main/`;
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push(url);
    onRequest(url);
    const file = url.startsWith(prefix) ? url.slice(prefix.length) : undefined;
    if (file === undefined || file.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    readFile(path.join(folder, file)).then(
      (bytes) => response.writeHead(200, { 'content-length': bytes.length }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  return { url: await listen(server), requests, close: closer(server) };
}

/** A loopback URL where nothing listens: connections are refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await closer(server)();
  return url;
}

/**
 * `servingHub` in a child process. transformers.js blocks this process's event loop for long
 * stretches while it loads a model; a hub served from the same loop would stall with it, and
 * on a busy machine a download would time out for no reason of the code under test.
 */
export async function servingHubProcess(modelId: string, folder: string): Promise<FakeHub> {
  const entry = fileURLToPath(new URL('./fake-hub-process.ts', import.meta.url));
  const child = fork(entry, [modelId, folder], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const requests: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { url?: string; request?: string }) => {
      if (message.url !== undefined) resolve(message.url);
      if (message.request !== undefined) requests.push(message.request);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake hub exited early (${code})`)));
  });
  return {
    url,
    requests,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

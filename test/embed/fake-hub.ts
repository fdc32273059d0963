import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

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
 * them out (`<id>/resolve/main/<file>`); anything else is a 404.
 */
export async function servingHub(modelId: string, folder: string): Promise<FakeHub> {
  const requests: string[] = [];
  const prefix = `/${modelId}/resolve/main/`;
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push(url);
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

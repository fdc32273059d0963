import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubTimeoutError, fetchWithStallTimeout } from '../../src/embed/transformers-env.js';

describe('fetchWithStallTimeout', () => {
  let server: Server | undefined;

  /** Serves one handler on loopback and returns its URL. */
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
  }
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('GIVEN a server that never sends headers THEN the request fails with HubTimeoutError', async () => {
    const url = await serve(() => {});
    await expect(fetchWithStallTimeout(150)(url)).rejects.toBeInstanceOf(HubTimeoutError);
  });

  it('GIVEN a server that stops in the middle of the body THEN reading fails with HubTimeoutError', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '10' });
      response.write('12345');
    });
    const response = await fetchWithStallTimeout(150)(url);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(HubTimeoutError);
  });

  it('GIVEN a body that keeps arriving in small pauses THEN the whole body is read', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(`${sent}`);
        if (++sent === 12) {
          clearInterval(timer);
          response.end();
        }
      }, 100);
    });
    // Each pause (100 ms) is well under the limit, the whole transfer (~1.2 s) is over it.
    const response = await fetchWithStallTimeout(1_000)(url);
    expect(await response.text()).toBe('01234567891011');
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('GIVEN a 404 THEN the status comes through for transformers.js to handle', async () => {
    const url = await serve((_request, response) => response.writeHead(404).end('missing'));
    const response = await fetchWithStallTimeout(200)(url);
    expect(response.status).toBe(404);
  });
});

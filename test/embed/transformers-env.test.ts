import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubTimeoutError, fetchWithStallTimeout } from '../../src/embed/transformers-env.js';

/**
 * A stall limit that a busy machine never reaches by accident: where the server must answer
 * in time. (Where it must not, a short limit only makes the test quicker.)
 */
const SLOW_MACHINE_MS = 3_000;

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
    // The headers must arrive within the limit, so it is generous: a busy machine may be slow.
    const response = await fetchWithStallTimeout(SLOW_MACHINE_MS)(url);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(HubTimeoutError);
  });

  it('GIVEN a body that keeps arriving in small pauses THEN the whole body is read', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(`${sent}`);
        if (++sent === 14) {
          clearInterval(timer);
          response.end();
        }
      }, 250);
    });
    // Each pause (250 ms) is far under the limit, the whole transfer (~3.5 s) is over it.
    const response = await fetchWithStallTimeout(SLOW_MACHINE_MS)(url);
    expect(await response.text()).toBe('012345678910111213');
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('GIVEN a 404 THEN the status comes through for transformers.js to handle', async () => {
    const url = await serve((_request, response) => response.writeHead(404).end('missing'));
    const response = await fetchWithStallTimeout(SLOW_MACHINE_MS)(url);
    expect(response.status).toBe(404);
  });
});

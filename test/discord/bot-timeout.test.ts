import { once } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/bot.js';
import { describeConnectionFailure } from '../../src/discord/failures.js';
import { memoryLogger } from '../../src/log.js';
import { createFakeCoverage } from './fake-coverage.js';

/** A server that accepts every connection and never says a word (issue #10, item 6). */
async function startSilentServer(): Promise<{ apiUrl: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

describe('GIVEN a Discord API that accepts connections but never answers', () => {
  it('THEN start-up fails with one line naming the address and what to check', async () => {
    const silent = await startSilentServer();
    const log = memoryLogger();
    try {
      const attempt = startBot({
        config: {
          token: 'silent-token',
          apiUrl: silent.apiUrl,
          askChannelIds: [],
          cooldownSeconds: 10,
          resultCount: 3,
        },
        coverage: createFakeCoverage(),
        log,
        // discord.js waits 15 s per try and retries 3 times; a short wait is enough here, as
        // the server never answers, however slow the machine.
        clientOptions: { intents: [], rest: { timeout: 300, retries: 0 } },
      });
      const error = await attempt.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeDefined();
      const line = describeConnectionFailure(error, silent.apiUrl);
      expect(line).toBe(
        `${silent.apiUrl} accepted the connection but did not answer in time. Check the ` +
          'network connection and any proxy or firewall on the way, or unset DISCORD_API_URL ' +
          'to use Discord itself.',
      );
      expect(line).not.toContain('\n');
      // Not silent while it waits.
      expect(log.lines).toContain(`info: Discord: connecting to ${silent.apiUrl}…`);
    } finally {
      await silent.close();
    }
  });
});

/**
 * A small fake Discord on 127.0.0.1 for end-to-end tests through the real discord.js
 * client: REST over HTTP (every call recorded) and a gateway over WebSocket
 * (HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeats acknowledged, test dispatches).
 * Only what the bot uses is implemented; anything else answers 404 and is recorded too.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export const BOT_ID = '900000000000000001';
export const APP_ID = '900000000000000002';
export const GUILD_ID = '900000000000000003';
export const CHANNEL_ID = '900000000000000004';
export const ASK_CHANNEL_ID = '900000000000000005';

/** One REST request as the fake received it. */
export interface RecordedCall {
  readonly method: string;
  /** Path after `/api/v10`, URL-decoded (`@original`, not `%40original`). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
}

export interface FakeDiscordOptions {
  /** When set, bot-authorised REST calls with another token get 401. */
  readonly token?: string;
}

export interface FakeDiscord {
  /** For the client's `rest.api` option. */
  readonly apiUrl: string;
  readonly calls: RecordedCall[];
  /** The IDENTIFY payload (`d`) of the last connection. */
  readonly identified: Promise<{ intents: number; token: string }>;
  /** Sends a dispatch to every connected client; returns `performance.now()` at sending. */
  dispatch(type: string, data: unknown): number;
  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  heartbeats(): number;
  close(): Promise<void>;
}

let nextId = 100_000n;
/** A fresh snowflake-shaped id. */
export function snowflake(): string {
  nextId += 1n;
  return (910_000_000_000_000_000n + nextId).toString();
}

export function user(id: string, username = `user${id.slice(-4)}`) {
  return { id, username, discriminator: '0', global_name: username, avatar: null, bot: false };
}

/** A message object as Discord returns it, built from a create/edit body. */
function messageObject(
  channelId: string,
  body: unknown,
  author = { ...user(BOT_ID, 'coverage-bot'), bot: true },
) {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: typeof fields['content'] === 'string' ? fields['content'] : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(fields['embeds']) ? fields['embeds'] : [],
    components: Array.isArray(fields['components']) ? fields['components'] : [],
    pinned: false,
    type: 0,
    flags: typeof fields['flags'] === 'number' ? fields['flags'] : 0,
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  return JSON.parse(text) as unknown;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const calls: RecordedCall[] = [];
  const waiters: {
    match: (call: RecordedCall) => boolean;
    resolve: (call: RecordedCall) => void;
  }[] = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let heartbeatCount = 0;
  let resolveIdentify: (value: { intents: number; token: string }) => void = () => undefined;
  const identified = new Promise<{ intents: number; token: string }>((resolve) => {
    resolveIdentify = resolve;
  });

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      send(response, 500, { message: String(error), code: 0 });
    });
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const body = await readBody(request);
    const call: RecordedCall = {
      method: request.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      at: performance.now(),
    };
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    // Interaction callbacks and webhooks are authorised by the interaction token in the
    // path; discord.js sends no Authorization header with them, like Discord expects.
    const needsAuth = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (
      needsAuth &&
      options.token !== undefined &&
      request.headers.authorization !== `Bot ${options.token}`
    ) {
      send(response, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const route = `${call.method} ${path}`;
    let match: RegExpExecArray | null;
    if (route === 'GET /gateway/bot') {
      send(response, 200, {
        url: `ws://127.0.0.1:${port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    } else if (route === 'GET /applications/@me') {
      send(response, 200, { id: APP_ID, name: 'coverage-bot', flags: 0 });
    } else if (
      call.method === 'PUT' &&
      /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)
    ) {
      const list = Array.isArray(body) ? body : [];
      send(
        response,
        200,
        list.map((command: object) => ({
          ...command,
          id: snowflake(),
          application_id: APP_ID,
          version: '1',
        })),
      );
    } else if (call.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      send(response, 204);
    } else if (
      (match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path)) &&
      call.method === 'PATCH'
    ) {
      send(response, 200, messageObject(CHANNEL_ID, body));
    } else if (
      /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path) &&
      call.method === 'DELETE'
    ) {
      send(response, 204);
    } else if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && call.method === 'POST') {
      send(response, 200, messageObject(CHANNEL_ID, body));
    } else if ((match = /^\/channels\/(\d+)\/messages$/.exec(path)) && call.method === 'POST') {
      send(response, 200, messageObject(match[1] ?? CHANNEL_ID, body));
    } else if (/^\/channels\/\d+\/typing$/.test(path) && call.method === 'POST') {
      send(response, 204);
    } else {
      send(response, 404, { message: `fake Discord: no route for ${route}`, code: 0 });
    }
  }

  const sendFrame = (socket: WebSocket, payload: unknown) => socket.send(JSON.stringify(payload));

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    sendFrame(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (frame.op === 1) {
        heartbeatCount += 1;
        sendFrame(socket, { op: 11, d: null, s: null, t: null });
      } else if (frame.op === 2) {
        const identify = frame.d as { intents: number; token: string };
        resolveIdentify(identify);
        sendFrame(socket, {
          op: 0,
          t: 'READY',
          s: ++sequence,
          d: {
            v: 10,
            user: { ...user(BOT_ID, 'coverage-bot'), bot: true },
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${port}`,
            application: { id: APP_ID, flags: 0 },
          },
        });
        // A guild listed in READY must follow as GUILD_CREATE, or ready waits 15 s; its
        // channels must be cached, or MESSAGE_CREATE in them is dropped.
        sendFrame(socket, {
          op: 0,
          t: 'GUILD_CREATE',
          s: ++sequence,
          d: {
            id: GUILD_ID,
            name: 'Newsroom',
            unavailable: false,
            owner_id: '900000000000000099',
            member_count: 3,
            roles: [
              {
                id: GUILD_ID,
                name: '@everyone',
                permissions: '0',
                position: 0,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: false,
                flags: 0,
              },
            ],
            emojis: [],
            stickers: [],
            members: [],
            presences: [],
            voice_states: [],
            threads: [],
            stage_instances: [],
            guild_scheduled_events: [],
            features: [],
            channels: [
              {
                id: CHANNEL_ID,
                type: 0,
                name: 'general',
                position: 0,
                permission_overwrites: [],
                guild_id: GUILD_ID,
              },
              {
                id: ASK_CHANNEL_ID,
                type: 0,
                name: 'ask-the-news',
                position: 1,
                permission_overwrites: [],
                guild_id: GUILD_ID,
              },
            ],
          },
        });
      }
    });
  });

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    identified,
    dispatch(type, data) {
      const at = performance.now();
      for (const socket of sockets) sendFrame(socket, { op: 0, t: type, s: ++sequence, d: data });
      return at;
    },
    waitForCall(match, timeoutMs = 10_000) {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<RecordedCall>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `fake Discord: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (call: RecordedCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        waiters.push(waiter);
      });
    },
    heartbeats: () => heartbeatCount,
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      const closed = once(server, 'close');
      server.close();
      await closed;
    },
  };
}

/** Payload builders for gateway dispatches, with every field discord.js 14.28 needs. */
export const payloads = {
  member(userId: string) {
    return {
      user: user(userId),
      roles: [],
      permissions: '0',
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    };
  },

  /**
   * The fields every INTERACTION_CREATE needs (see shared/notes/discord-testing.md: without
   * `application_id`, `entitlements` or `authorizing_integration_owners` discord.js fails).
   */
  interaction(type: 2 | 3, userId: string) {
    return {
      id: snowflake(),
      application_id: APP_ID,
      type,
      token: `token-${snowflake()}`,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0 },
      member: payloads.member(userId),
      app_permissions: '0',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
    };
  },

  /** INTERACTION_CREATE for `/name` with string/integer options. */
  command(name: string, userId: string, options: Record<string, string | number> = {}) {
    return {
      ...payloads.interaction(2, userId),
      data: {
        id: snowflake(),
        name,
        type: 1,
        options: Object.entries(options).map(([optionName, value]) => ({
          name: optionName,
          type: typeof value === 'number' ? 4 : 3,
          value,
        })),
      },
    };
  },

  /** INTERACTION_CREATE for a button press on a message the bot sent. */
  button(customId: string, userId: string) {
    return {
      ...payloads.interaction(3, userId),
      message: messageObject(CHANNEL_ID, {}),
      data: { custom_id: customId, component_type: 2 },
    };
  },

  /** MESSAGE_CREATE by `userId`; `mentionBot` adds the bot to `mentions`. */
  message(
    content: string,
    userId: string,
    options: { mentionBot?: boolean; channelId?: string } = {},
  ) {
    return {
      id: snowflake(),
      channel_id: options.channelId ?? CHANNEL_ID,
      guild_id: GUILD_ID,
      author: user(userId),
      member: {
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: options.mentionBot ? [{ ...user(BOT_ID, 'coverage-bot'), bot: true }] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
    };
  },
};

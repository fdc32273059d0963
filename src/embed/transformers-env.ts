import { env } from '@huggingface/transformers';

/**
 * transformers.js reads its settings from one process-global `env` object at load time
 * (where local models live, whether the hub may be used, which host, which `fetch`). This
 * module is the only place coverage-bot writes to it, and it serialises model loads so two
 * concurrent loads cannot see each other's settings. Settings only matter while a model loads;
 * a loaded pipeline never reads them again.
 */

/** Hugging Face hub, transformers.js's default remote host. */
export const HUGGING_FACE_HUB_URL = 'https://huggingface.co/';

/** How one model load may find its files. */
export type ModelSourceSettings =
  | {
      /** Only `modelsDir` (and the download cache); the network is never touched. */
      readonly remote: false;
      readonly modelsDir: string;
    }
  | {
      readonly remote: true;
      readonly modelsDir: string;
      /** Hub base URL, e.g. `https://huggingface.co/` (tests point it at loopback). */
      readonly hubUrl: string;
      /** A request that sends nothing (no headers, then no body bytes) for this long fails. */
      readonly timeoutMs: number;
    };

/** The message of the error a stalled hub request fails with. */
export class HubTimeoutError extends Error {
  override readonly name = 'HubTimeoutError';
}

type Fetch = typeof globalThis.fetch;

// Statuses whose Response may not carry a body; they are passed through unwrapped.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps `fetch` so that a request fails with a HubTimeoutError when the server sends nothing
 * for `timeoutMs`: first while waiting for the headers, then between body chunks. A slow but
 * steady download of a large model is fine; a hung connection costs `timeoutMs`, not forever.
 */
export function fetchWithStallTimeout(timeoutMs: number, baseFetch: Fetch = fetch): Fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new HubTimeoutError(`no answer from ${url} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    // A pending timer must not keep a CLI run alive after it has given up on the hub.
    timer.unref();
    const signal =
      init?.signal != null ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal });
    } catch (error) {
      clearTimeout(timer);
      throw signal.aborted && signal.reason instanceof HubTimeoutError ? signal.reason : error;
    }
    if (response.body === null || NULL_BODY_STATUSES.has(response.status)) {
      clearTimeout(timer);
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        timer.refresh();
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(timer);
            stream.close();
          } else {
            stream.enqueue(value);
          }
        } catch (error) {
          clearTimeout(timer);
          throw signal.reason instanceof HubTimeoutError ? signal.reason : error;
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `load` with transformers.js's `env` set for `settings`, one load at a time.
 * `allowLocalModels` stays on in both modes: local folders are how the bundled model loads.
 */
export function withModelSource<T>(
  settings: ModelSourceSettings,
  load: () => Promise<T>,
  cacheDir?: string,
): Promise<T> {
  const run = async (): Promise<T> => {
    env.allowLocalModels = true;
    env.localModelPath = settings.modelsDir;
    // transformers.js 4.3 reads config.json through `env.cacheDir` in one place (model file
    // selection) even when the call passes `cache_dir`: without this, a model already in the
    // download cache is fetched from the hub again in a new process, and fails offline.
    if (cacheDir !== undefined) env.cacheDir = cacheDir;
    env.allowRemoteModels = settings.remote;
    if (settings.remote) {
      env.remoteHost = settings.hubUrl;
      env.fetch = fetchWithStallTimeout(settings.timeoutMs);
    }
    return load();
  };
  const result = queue.then(run, run);
  // The chain only orders loads; each caller still gets its own load's error from `result`.
  queue = result.catch(() => undefined);
  return result;
}

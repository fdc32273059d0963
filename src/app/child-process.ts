import { fork, type Serializable } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUserError, UserError } from '../errors.js';

/**
 * One job run in a child process: work that would hold the bot's event loop for seconds
 * (rebuilding the BM25 index, parsing web pages with jsdom and Readability) runs there, so
 * that Discord's interactions are still acknowledged within their 3 seconds. The parent sends
 * one request over IPC; the child answers once and exits. Aborting kills the child.
 */

/** What a child answers: its result, or its error as text (a UserError stays one). */
export type ChildReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly userError: boolean; readonly message: string };

/**
 * How to start a child module of this folder: compiled (`dist/`), it is plain JavaScript;
 * from source (tsx, or vitest), the child needs tsx's loader too, which `--import tsx`
 * (resolved from the repository) provides, since tsx's own flags are not inherited by every
 * runner.
 */
function childModule(name: string): { file: string; execArgv: string[]; cwd: string } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = path.join(path.dirname(here), `${name}${fromSource ? '.ts' : '.js'}`);
  const cwd = fromSource ? path.resolve(path.dirname(here), '../..') : process.cwd();
  return { file, execArgv: fromSource ? ['--import', 'tsx'] : [], cwd };
}

/**
 * Runs the child module `name` (a file of src/app without extension) on `request` and
 * resolves with its value; rejects with its error (a UserError for a user error), with the
 * abort reason when `signal` aborts, or when the child ends without an answer (`what` names
 * the job in that message).
 */
export function runInChild<T>(
  name: string,
  request: Serializable,
  signal: AbortSignal,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.throwIfAborted();
    const { file, execArgv, cwd } = childModule(name);
    const child = fork(file, [], {
      cwd,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      signal,
    });
    let reply: ChildReply<T> | undefined;
    child.once('message', (message) => {
      reply = message as ChildReply<T>;
      if (reply.ok) resolve(reply.value);
      else reject(reply.userError ? new UserError(reply.message) : new Error(reply.message));
    });
    child.once('error', (error) => {
      if (signal.aborted) reject(signal.reason as Error);
      else reject(error);
    });
    child.once('exit', (code, exitSignal) => {
      if (reply !== undefined) return;
      if (signal.aborted) return reject(signal.reason as Error);
      reject(
        new Error(`the ${what} process ended without a result (${exitSignal ?? `exit ${code}`})`),
      );
    });
    child.send(request);
  });
}

/**
 * The child's side: runs `job` on the one request the parent sends, answers with its value or
 * its error, and exits at once (a loaded model may keep threads alive that would hold the
 * child open).
 */
export function serveOneRequest<R, T>(job: (request: R) => Promise<T>): void {
  process.once('message', (request: R) => {
    void job(request)
      .then(
        (value): ChildReply<T> => ({ ok: true, value }),
        (error: unknown): ChildReply<T> =>
          isUserError(error)
            ? { ok: false, userError: true, message: error.message }
            : {
                ok: false,
                userError: false,
                message: error instanceof Error ? (error.stack ?? error.message) : String(error),
              },
      )
      .then((reply) => process.send?.(reply, () => process.exit(0)));
  });
}

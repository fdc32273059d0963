import cliProgress from 'cli-progress';
import type { ProgressReporter } from '../app/ingest-corpus.js';
import type { Logger } from '../log.js';

/**
 * Progress for long CLI steps: a redrawn bar on a terminal; on anything else (CI logs, a
 * pipe, a file) a plain line per tenth, since a bar's carriage returns turn a log into noise.
 */

/** A bar on `stream` (stderr, so stdout stays clean). */
export function terminalProgress(stream: NodeJS.WriteStream): ProgressReporter {
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label} [{bar}] {value}/{total} · {percentage}% · {eta_formatted} left`,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** One log line at start, then at every further tenth of the way. */
export function lineProgress(log: Logger): ProgressReporter {
  let label = '';
  let total = 0;
  let nextTenth = 1;
  return {
    start(newLabel, newTotal) {
      label = newLabel;
      total = newTotal;
      nextTenth = 1;
      log.info(`${label}: 0/${total}`);
    },
    update(done) {
      if (total === 0) return;
      const tenths = Math.floor((done * 10) / total);
      if (tenths < nextTenth) return;
      nextTenth = tenths + 1;
      log.info(`${label}: ${done}/${total} (${tenths * 10}%)`);
    },
    stop() {},
  };
}

/** The right reporter for `stream`: a bar on a terminal, plain lines otherwise. */
export function progressFor(stream: NodeJS.WriteStream, log: Logger): ProgressReporter {
  return stream.isTTY ? terminalProgress(stream) : lineProgress(log);
}

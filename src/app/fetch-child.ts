/**
 * Child-process entry of `fetchInChildProcess`: reads the feeds into the article folder and
 * answers with the report over IPC. Not a command for people: see web-updates.ts.
 */
import { stderrLogger } from '../log.js';
import { serveOneRequest } from './child-process.js';
import { fetchFeedsIntoArchive, type FetchReport } from './fetch-articles.js';
import type { FetchChildRequest } from './web-updates.js';

serveOneRequest((request: FetchChildRequest): Promise<FetchReport> =>
  fetchFeedsIntoArchive(request.sources, {
    articlesDir: request.articlesDir,
    allowPrivate: request.allowPrivate,
    log: stderrLogger,
  }),
);

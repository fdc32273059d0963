/**
 * Child-process entry of `fetchInChildProcess` and `addInChildProcess`: reads the feeds, or
 * adds the pages, into the article folder and answers with the report over IPC. Not a command
 * for people: see web-updates.ts.
 */
import { stderrLogger } from '../log.js';
import { serveOneRequest } from './child-process.js';
import { addPagesToArchive, fetchFeedsIntoArchive, type FetchReport } from './fetch-articles.js';
import type { FetchChildRequest } from './web-updates.js';

serveOneRequest((request: FetchChildRequest): Promise<FetchReport> => {
  const options = {
    articlesDir: request.articlesDir,
    allowPrivate: request.allowPrivate,
    log: stderrLogger,
  };
  return request.kind === 'feeds'
    ? fetchFeedsIntoArchive(request.sources, options)
    : addPagesToArchive(request.urls, options);
});

import { pathToFileURL } from 'node:url';
import { mainOf, runAddCli } from './fetch.js';

/** `npm run add -- <url> [<url>…]`: adds article pages to the archive and the index. */
export { runAddCli };

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await mainOf(runAddCli, 'add');
}

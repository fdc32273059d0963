import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPagesToArchive, fetchFeedsIntoArchive } from '../../src/app/fetch-articles.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

/** The local news site (test/fixtures/web/local-site/) fetched over HTTP, as a user would. */
let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer();
  dir = await mkdtemp(path.join(tmpdir(), 'coverage-local-site-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const options = () => ({ articlesDir: dir, allowPrivate: true, http: { perHostDelayMs: 0 } });

describe('fetching the local news site', () => {
  it('GIVEN the site front page as a feeds-file entry THEN every story in its feed is written, a paginated one whole', async () => {
    const report = await fetchFeedsIntoArchive([{ url: `${server.base}/local/` }], options());
    expect(report.failed).toBe(0);
    expect(report.added).toHaveLength(6);
    const school = report.results.find((result) => result.url.includes('school-expansion'));
    const text = await readFile(path.join(dir, school!.file!), 'utf8');
    // Page 1's last paragraph, then page 2's, in order; neither page list.
    expect(text).toMatch(/drop-off area on Cross Street\.\n\nSome parents on Cross Street/);
    expect(text).toContain('the biggest investment in a Dene valley primary school');
    expect(text).not.toMatch(/Pages:|Next page|Previous page/);
    expect(text).toContain('title: "St Aidan\'s primary to get eight new classrooms');
  });

  it('GIVEN the AMP address of a story already fetched THEN it is a duplicate of the same file', async () => {
    const report = await addPagesToArchive(
      [`${server.base}/local/2025/09/12/town-fc-new-stand/amp/`, `${server.base}/local/?p=2291`],
      options(),
    );
    expect(report.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('GIVEN the front page (teasers long enough to pass for a story) to add THEN the stories of its feed, not the page', async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), 'coverage-local-front-'));
    try {
      const report = await addPagesToArchive([`${server.base}/local/`], {
        ...options(),
        articlesDir: fresh,
      });
      expect(report.results[0]).toMatchObject({ kind: 'feed', status: 'fetched' });
      expect(report.added).toHaveLength(6);
      expect(report.added.join()).not.toContain('news-for-ashcombe');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});

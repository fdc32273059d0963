import { mkdtemp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { MAX_FRONT_MATTER_CHARS, parseArticleFile } from '../../src/ingest/parse-article.js';
import {
  MAX_ARTICLE_BYTES,
  readArticles,
  type ReadArticlesResult,
} from '../../src/ingest/read-articles.js';
import { bbcDir, bbcSample, seedDir, seedIds } from './corpus.js';

const badDir = fileURLToPath(new URL('../fixtures/articles-bad', import.meta.url));
const issueFor = (issues: ReadArticlesResult['skipped'], name: string) =>
  issues.find((issue) => issue.path === path.join(badDir, name))?.message;
const parse = (text: string, id = 'x') =>
  parseArticleFile({ id, path: `${id}.md`, bytes: new TextEncoder().encode(text) });

describe('readArticles on the seed articles', () => {
  let result: ReadArticlesResult;
  beforeAll(async () => {
    result = await readArticles(seedDir);
  });

  it('GIVEN data/articles THEN all five are read, sorted by id, with nothing skipped', () => {
    expect(result.articles.map((article) => article.id)).toEqual([...seedIds]);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('GIVEN the front matter THEN only stated fields are set', () => {
    const byId = new Map(result.articles.map((article) => [article.id, article]));
    expect(byId.get('000_938999e51d1b5c4a')?.title).toBe(
      'Vance Acknowledges Russias Major Concessions in Ukraine Peace Efforts',
    );
    expect(byId.get('002_b45d3f6e0e8fc8f3')?.outlet).toBe('The COW News Digital');
    expect(byId.get('004_a514caadb58b602a')?.outlet).toBe('Real News Now');
    for (const article of result.articles) {
      expect(article.url).toBeUndefined();
      expect(article.published).toBeUndefined();
      expect(article.author).toBeUndefined();
    }
    expect(byId.get('000_938999e51d1b5c4a')?.outlet).toBeUndefined();
  });

  it('GIVEN the seed bodies THEN the text is cleaned AND the hash is the sha256 of the file', () => {
    for (const article of result.articles) {
      expect(article.text).not.toMatch(/appeared first on|Leave a Reply|Previous article/);
      expect(article.text.startsWith(article.title)).toBe(false);
      expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(result.articles.map((article) => article.hash)).size).toBe(5);
  });
});

describe('readArticles on bad files', () => {
  let result: ReadArticlesResult;
  beforeAll(async () => {
    result = await readArticles(badDir);
  });

  it('GIVEN a folder of bad files THEN the good ones are read and the run goes on', () => {
    expect(result.articles.map((article) => article.id)).toEqual([
      'bad-fields',
      'cp1252',
      'good',
      'nested/good',
    ]);
  });

  it('GIVEN a file that is not UTF-8 THEN it is read as Windows-1252 with a warning', () => {
    const article = result.articles.find((candidate) => candidate.id === 'cp1252');
    expect(article?.text).toContain(
      'a £15.8m signing from Parma, and called it “a zero tolerance policy”.',
    );
    expect(issueFor(result.warnings, 'cp1252.txt')).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it.each([
    ['empty.txt', /empty/],
    ['blank.txt', /only white space/],
    ['title-only.txt', /no body text/],
    ['only-furniture.md', /no body text/],
    ['broken-yaml.md', /front matter is not valid YAML/],
    ['unclosed-front-matter.md', /never closed/],
    ['no-title.md', /no title/],
    ['nested/good.txt', /same id "nested\/good" as .*nested\/good\.md; rename/],
  ])('GIVEN %s THEN it is skipped with its path and a reason', (name, reason) => {
    expect(issueFor(result.skipped, name)).toMatch(reason);
  });

  it('GIVEN the README THEN it is not taken for an article, and reported as not read', () => {
    expect(result.articles.some((article) => article.id === 'README')).toBe(false);
    expect(issueFor(result.skipped, 'README.md')).toMatch(/README files .* not read as articles/);
  });

  it('GIVEN well-formed front matter THEN every field is kept as written', () => {
    const article = result.articles.find((candidate) => candidate.id === 'good');
    expect(article).toMatchObject({
      title: 'A good article: with a colon',
      outlet: 'Daily Example',
      author: 'Jane Doe',
      published: '2025-08-24',
      url: 'https://example.com/a-good-article',
      text: 'The council approved the plan on Monday. “We are pleased,” Mayor Ann Lee said.',
      path: path.join(badDir, 'good.md'),
    });
  });

  it('GIVEN a bad date, a bad link and an unknown field THEN each is dropped with a warning', () => {
    const article = result.articles.find((candidate) => candidate.id === 'bad-fields');
    expect(article?.published).toBeUndefined();
    expect(article?.url).toBeUndefined();
    const messages = result.warnings
      .filter((issue) => issue.path === path.join(badDir, 'bad-fields.md'))
      .map((issue) => issue.message);
    expect(messages).toEqual([
      expect.stringMatching(/"tags" is not used/),
      expect.stringMatching(/"published: last Sunday" is not a date/),
      expect.stringMatching(/"url: not a link" is not an http\(s\) link/),
    ]);
  });
});

describe('readArticles on folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'read-articles-'));
    await mkdir(path.join(dir, 'business'));
    await mkdir(path.join(dir, 'sport'));
    await mkdir(path.join(dir, '.hidden'));
    await writeFile(path.join(dir, 'business', '001.txt'), 'Profits up\n\nProfits rose.\n');
    await writeFile(path.join(dir, 'sport', '001.txt'), 'Chelsea win\n\nChelsea won.\n');
    await writeFile(path.join(dir, '.hidden', 'x.txt'), 'Hidden\n\nNot an article.\n');
    await writeFile(path.join(dir, 'notes.json'), '{}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN nested folders THEN ids are relative paths without extension', async () => {
    const result = await readArticles(dir);
    expect(result.articles.map((article) => [article.id, article.title, article.text])).toEqual([
      ['business/001', 'Profits up', 'Profits rose.'],
      ['sport/001', 'Chelsea win', 'Chelsea won.'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('GIVEN random bytes named .md and a UTF-16 file THEN both are skipped as not text', async () => {
    const binary = await mkdtemp(path.join(tmpdir(), 'read-binary-'));
    try {
      const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
      await writeFile(path.join(binary, 'x.md'), random);
      const noNul = random.map((byte) => (byte === 0 ? 1 : byte));
      await writeFile(path.join(binary, 'y.md'), noNul);
      await writeFile(path.join(binary, 'z.txt'), Buffer.from('\uFEFFTitle\n\nBody.', 'utf16le'));
      await writeFile(path.join(binary, 'ok.txt'), 'Title\n\nA body with one \x1b[31m escape.\n');
      const result = await readArticles(binary);
      expect(result.articles.map((article) => article.id)).toEqual(['ok']);
      expect(result.skipped).toEqual([
        {
          path: path.join(binary, 'x.md'),
          message: expect.stringMatching(/not a text file \(it holds NUL bytes\)/),
        },
        {
          path: path.join(binary, 'y.md'),
          message: expect.stringMatching(/not a text file \(\d+% of it is control/),
        },
        {
          path: path.join(binary, 'z.txt'),
          message: expect.stringMatching(/UTF-16 .* save it as UTF-8/),
        },
      ]);
    } finally {
      await rm(binary, { recursive: true, force: true });
    }
  });

  it('GIVEN links THEN file links are followed, folder and broken links are reported', async () => {
    const linked = await mkdtemp(path.join(tmpdir(), 'read-links-'));
    try {
      const outside = path.join(linked, 'outside');
      const data = path.join(linked, 'data');
      await mkdir(outside);
      await mkdir(data);
      await writeFile(path.join(outside, 'story.txt'), 'Linked story\n\nIt lives elsewhere.\n');
      await symlink(path.join(outside, 'story.txt'), path.join(data, 'linked.txt'));
      await symlink(outside, path.join(data, 'folder-link'));
      await symlink(data, path.join(data, 'loop'));
      await symlink(path.join(linked, 'gone.txt'), path.join(data, 'broken.txt'));
      const result = await readArticles(data);
      expect(result.articles.map((article) => [article.id, article.title])).toEqual([
        ['linked', 'Linked story'],
      ]);
      expect(result.skipped).toEqual([
        { path: path.join(data, 'broken.txt'), message: expect.stringMatching(/broken link/) },
        {
          path: path.join(data, 'folder-link'),
          message: expect.stringMatching(/link to a folder, which is not followed/),
        },
        { path: path.join(data, 'loop'), message: expect.stringMatching(/link to a folder/) },
      ]);
    } finally {
      await rm(linked, { recursive: true, force: true });
    }
  });

  it('GIVEN a missing folder THEN a UserError says how to fix it', async () => {
    const missing = path.join(dir, 'nope');
    const error: unknown = await readArticles(missing).catch((caught: unknown) => caught);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/does not exist.*--data DIR/);
  });

  it('GIVEN a file instead of a folder THEN a UserError', async () => {
    const error: unknown = await readArticles(path.join(dir, 'notes.json')).catch(
      (caught: unknown) => caught,
    );
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toMatch(/is not a folder/);
  });

  it.skipIf(bbcSample.length === 0)(
    'GIVEN the BBC corpus THEN 2,225 articles, one warning, only its README passed over',
    async () => {
      const result = await readArticles(bbcDir);
      expect(result.articles).toHaveLength(2225);
      expect(result.skipped.map((issue) => path.relative(bbcDir, issue.path))).toEqual([
        'README.TXT',
      ]);
      expect(result.warnings.map((issue) => path.relative(bbcDir, issue.path))).toEqual([
        path.join('sport', '199.txt'),
      ]);
      expect(result.articles.find((article) => article.id === 'sport/199')?.text).toContain(
        '£15.8m',
      );
    },
  );
});

describe('parseArticleFile', () => {
  it.each([
    ['2025-08-24', '2025-08-24'],
    ['2025-08-24T10:30:00Z', '2025-08-24T10:30:00Z'],
    ['2025-08-24T10:30:00.123+02:00', '2025-08-24T10:30:00.123+02:00'],
    ['2025-02-30', undefined],
    ['24/08/2025', undefined],
    ['2025-8-24', undefined],
    ['August 24, 2025', '2025-08-24'],
    ['Sunday, 24th August 2025', '2025-08-24'],
    ['Sun, 24 Aug 2025 10:00:00 GMT', '2025-08-24'],
    ['24 August 2025, 16:45', '2025-08-24'],
    ['30 February 2025', undefined],
    ['last Sunday', undefined],
  ])('GIVEN published %s THEN %s', (value, expected) => {
    const parsed = parse(`---\ntitle: T\npublished: ${JSON.stringify(value)}\n---\nBody.`);
    expect(parsed.ok ? parsed.article.published : 'skipped').toBe(expected);
  });

  it('GIVEN the names other tools give the fields (date, source, link…) THEN they are read as ours', () => {
    const parsed = parse(
      '---\nheadline: Bus lanes approved\nsource: Example Gazette\ndate: 2025-08-24\nlink: https://example.com/a\nbyline: Ann Lee\n---\nThe council voted.',
    );
    expect(parsed.ok && parsed.article).toMatchObject({
      title: 'Bus lanes approved',
      outlet: 'Example Gazette',
      published: '2025-08-24',
      url: 'https://example.com/a',
      author: 'Ann Lee',
    });
    expect(parsed.warnings).toEqual([]);
    // A bad value is reported under the key the file has.
    const bad = parse('---\ntitle: T\ndate: last Sunday\nlink: not a link\n---\nBody.');
    expect(bad.warnings).toEqual([
      expect.stringMatching(/^front matter "date: last Sunday" is not a date/),
      expect.stringMatching(/^front matter "link: not a link" is not an http\(s\) link/),
    ]);
    // The field's own name wins over an alias.
    const both = parse('---\ntitle: T\noutlet: Gazette\nsource: Wire\n---\nBody.');
    expect(both.ok && both.article.outlet).toBe('Gazette');
  });

  it('GIVEN a Markdown heading as first line THEN it is the title without the #', () => {
    const parsed = parse('\n\n#  The title \nThe body.');
    expect(parsed.ok && [parsed.article.title, parsed.article.text]).toEqual([
      'The title',
      'The body.',
    ]);
  });

  it('GIVEN a UTF-8 byte-order mark THEN it is not part of the title', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Title\nBody.')]);
    const parsed = parseArticleFile({ id: 'x', path: 'x.txt', bytes });
    expect(parsed.ok && parsed.article.title).toBe('Title');
    expect(parsed.warnings).toEqual([]);
  });

  it('GIVEN front matter of 100,000 keys THEN the file is skipped at once, saying why', () => {
    // Parsed, the YAML parser's pairwise check of unique keys took 3.5 minutes on this.
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n');
    const started = performance.now();
    const parsed = parse(`---\ntitle: T\n${keys}\n---\nBody.`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(!parsed.ok && parsed.problem).toMatch(
      /^the front matter is 988898 characters long \(at most 16384 are read\); keep only title/,
    );
    const fits = parse(
      `---\ntitle: T\nnote: "${'x'.repeat(MAX_FRONT_MATTER_CHARS - 20)}"\n---\nBody.`,
    );
    expect(fits.ok).toBe(true);
  });

  it('GIVEN a tag the YAML parser does not know THEN nothing is written to stderr', async () => {
    const warned: unknown[] = [];
    const listener = (warning: unknown) => warned.push(warning);
    process.on('warning', listener);
    try {
      const parsed = parse('---\ntitle: !!js/function "T\x1b[2J"\n---\nBody.');
      expect(parsed.ok && parsed.article.title).toBe('T\x1b[2J');
      // Process warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    expect(warned).toEqual([]);
  });

  it('GIVEN front matter that is a list THEN the file is skipped', () => {
    const parsed = parse('---\n- a\n- b\n---\nBody.');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/key: value/);
  });
});

describe('readArticles on a folder it cannot read', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'coverage-deep-'));
    await writeFile(path.join(root, 'top.md'), '---\ntitle: Top\n---\nThe top story.\n');
    // Folders nested past the longest path the system opens (ENAMETOOLONG), built from the
    // inside out so that every call here names a short path.
    let inner = path.join(root, 'chain');
    await mkdir(inner);
    await writeFile(path.join(inner, 'deep.md'), '---\ntitle: Deep\n---\nToo deep.\n');
    for (let level = 0; level < 1_500; level++) {
      const outer = path.join(root, `level${level}`);
      await mkdir(outer);
      await rename(inner, path.join(outer, 'deeper-folder'));
      inner = outer;
    }
    await rename(inner, path.join(root, 'deep'));
  });
  afterAll(async () => {
    // Taken apart from the top, again with short paths only.
    let top = path.join(root, 'deep');
    for (let level = 0; ; level++) {
      const next = path.join(top, 'deeper-folder');
      const moved = path.join(root, `up${level}`);
      const hasNext = await rename(next, moved).then(
        () => true,
        () => false,
      );
      await rm(top, { recursive: true, force: true });
      if (!hasNext) break;
      top = moved;
    }
    await rm(root, { recursive: true, force: true });
  });

  it('GIVEN a sub-folder whose path is too long to open THEN it is skipped with the reason, the rest is read', async () => {
    const result = await readArticles(root);
    expect(result.articles.map((article) => article.id)).toEqual(['top']);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.message).toMatch(
      /^is a folder that could not be read \(ENAMETOOLONG\)/,
    );
  });
});

describe('readArticles on a file too large to be an article', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'coverage-large-'));
    await writeFile(path.join(root, 'story.md'), '---\ntitle: Story\n---\nThe story.\n');
    const body = 'word '.repeat((MAX_ARTICLE_BYTES / 5) * 1.5);
    await writeFile(path.join(root, 'dump.md'), `---\ntitle: Dump\n---\n${body}\n`);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('GIVEN a file over the limit THEN it is skipped unread with its size, the rest is read', async () => {
    const result = await readArticles(root);
    expect(result.articles.map((article) => article.id)).toEqual(['story']);
    expect(result.skipped).toEqual([
      {
        path: path.join(root, 'dump.md'),
        message:
          'is 3.0 MB, larger than the 2.0 MB an article may be; split it into its articles or move it out of the folder',
      },
    ]);
  });
});

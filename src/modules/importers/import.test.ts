// Importing a generated export: repeating it, changing it, a dry run, an article edited here, unknown
// shortcodes, hostile files (XXE, entity bombs, bad bytes, huge fields) and a process killed half-way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { plainCtx } from '../../platform/context/index.js';
import { importWordPress, summaryText } from './index.js';
import { generateWxr } from './testing.js';
import { listRuns, settleStaleRuns, STALE_MS, STALE_MESSAGE } from './runs.js';
import { searchArticles } from '../search/index.js';

type Table = 'articles' | 'pages' | 'comments' | 'authors' | 'tags' | 'redirects' | 'import_map' | 'article_tags' | 'article_authors';

async function count(db: TestDb, table: Table): Promise<number> {
  const r = await db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function counts(db: TestDb) {
  const out: Record<string, number> = {};
  for (const t of ['articles', 'pages', 'comments', 'authors', 'tags', 'redirects', 'import_map', 'article_tags', 'article_authors'] as const) out[t] = await count(db, t);
  return out;
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'broadside-wxr-'));
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>T</title><link>https://t.example</link><wp:wxr_version>1.2</wp:wxr_version>
`;

function item(id: number, title: string, content: string, extra = ''): string {
  return `<item><title>${title}</title><link>https://t.example/2020/05/01/p${id}/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[${content}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-05-01 10:00:00</wp:post_date_gmt>
<wp:post_name>p${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>
`;
}

test(`re-running an import updates in place: no duplicates, unchanged items skipped, changed ones updated [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const file = join(dir, 'a.xml');
    await generateWxr(file, { posts: 450, commentsPerPost: 5 });
    const first = await importWordPress(ctx, { file, batchSize: 100 });
    assert.equal(first.articles.created, 450);
    assert.equal(first.comments.created, 2250);
    const after1 = await counts(db);
    assert.equal(after1.articles, 450);
    assert.equal(after1.comments, 2250);
    const ids1 = await db.db.selectFrom('articles').select(['id', 'slug']).orderBy('id').execute();

    const second = await importWordPress(ctx, { file, batchSize: 100 });
    assert.equal(second.articles.created, 0);
    assert.equal(second.articles.unchanged, 450);
    assert.deepEqual(await counts(db), after1);

    // The same posts, retitled: every article updated in place, same ids, no new rows.
    const changed = join(dir, 'b.xml');
    await generateWxr(changed, { posts: 450, commentsPerPost: 5, titleSuffix: 'revised' });
    const third = await importWordPress(ctx, { file: changed, batchSize: 100 });
    assert.equal(third.articles.updated, 450);
    assert.equal(third.comments.updated, 2250);
    assert.deepEqual(await counts(db), after1);
    const ids3 = await db.db.selectFrom('articles').select(['id', 'slug', 'headline', 'revision']).orderBy('id').execute();
    assert.deepEqual(ids3.map((r) => [r.id, r.slug]), ids1.map((r) => [r.id, r.slug]));
    assert.ok(ids3.every((r) => r.headline.endsWith('revised') && Number(r.revision) === 2));
    // Threads survive: replies point at comments of the same article.
    const orphans = await db.db
      .selectFrom('comments as c')
      .innerJoin('comments as p', 'p.id', 'c.parent_id')
      .select('c.id')
      .whereRef('p.article_id', '!=', 'c.article_id')
      .execute();
    assert.equal(orphans.length, 0);
    assert.ok((await db.db.selectFrom('comments').select('id').where('parent_id', 'is not', null).execute()).length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`an article edited here since it was imported is kept; a dry run writes nothing and counts truly [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const file = join(dir, 'a.xml');
    await generateWxr(file, { posts: 30, commentsPerPost: 3 });

    const dry = await importWordPress(ctx, { file, dryRun: true, batchSize: 7 });
    assert.equal(dry.dryRun, true);
    assert.equal(dry.articles.created, 30);
    assert.equal(dry.comments.created, 90);
    assert.equal(dry.authors.created, 1);
    assert.equal(dry.tags.created, 2);
    assert.ok(dry.redirects > 60);
    for (const [t, n] of Object.entries(await counts(db))) assert.equal(n, 0, `dry run wrote to ${t}`);

    await importWordPress(ctx, { file });
    const edited = await db.db.selectFrom('articles').select(['id']).where('slug', '=', 'story-number-3').executeTakeFirstOrThrow();
    await db.db.updateTable('articles').set((eb) => ({ headline: 'Edited by hand', revision: eb('revision', '+', 1) })).where('id', '=', edited.id).execute();
    const changed = join(dir, 'b.xml');
    await generateWxr(changed, { posts: 30, commentsPerPost: 3, titleSuffix: 'v2' });
    const again = await importWordPress(ctx, { file: changed });
    assert.equal(again.articles.updated, 29);
    assert.equal(again.articles.skipped, 1);
    assert.ok(again.warnings.some((w) => /post 3 was edited here/.test(w.message)));
    assert.equal((await db.db.selectFrom('articles').select('headline').where('id', '=', edited.id).executeTakeFirstOrThrow()).headline, 'Edited by hand');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`sticky posts: wp:is_sticky 1 sets the flag, a re-import with other sticky posts moves it, the report lists them [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const sticky = (on: boolean) => `<wp:is_sticky>${on ? 1 : 0}</wp:is_sticky>`;
    const flags = async () => {
      const rows = await db.db.selectFrom('articles').select(['slug', 'sticky']).orderBy('slug').execute();
      return Object.fromEntries(rows.map((r) => [r.slug, Number(r.sticky)]));
    };
    const a = join(dir, 'a.xml');
    writeFileSync(a, `${HEAD}${item(1, 'One', '<p>1</p>', sticky(true))}${item(2, 'Two', '<p>2</p>', sticky(false))}${item(3, 'Three', '<p>3</p>')}</channel></rss>`);
    const first = await importWordPress(ctx, { file: a });
    assert.equal(first.error, null);
    assert.deepEqual(await flags(), { p1: 1, p2: 0, p3: 0 });
    assert.deepEqual(first.sticky, ['/2020/05/p1/']);
    const text = summaryText(first);
    assert.match(text, /1 kept sticky \(first on the home page\): \/2020\/05\/p1\//);
    assert.doesNotMatch(text, /by hand/);

    // In WordPress, post 2 became sticky and post 1 stopped being: both are updated in place, post 3 is unchanged.
    const b = join(dir, 'b.xml');
    writeFileSync(b, `${HEAD}${item(1, 'One', '<p>1</p>', sticky(false))}${item(2, 'Two', '<p>2</p>', sticky(true))}${item(3, 'Three', '<p>3</p>')}</channel></rss>`);
    const ids = await db.db.selectFrom('articles').select(['id', 'slug']).orderBy('id').execute();
    const second = await importWordPress(ctx, { file: b });
    assert.equal(second.articles.updated, 2);
    assert.equal(second.articles.unchanged, 1);
    assert.deepEqual(await flags(), { p1: 0, p2: 1, p3: 0 });
    assert.deepEqual(await db.db.selectFrom('articles').select(['id', 'slug']).orderBy('id').execute(), ids);
    assert.deepEqual(second.sticky, ['/2020/05/p2/']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`--split-kicker and --regions: "Region: Headline" titles split, chosen categories become regions [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const file = join(dir, 'a.xml');
    await generateWxr(file, { posts: 3, commentsPerPost: 0 });
    await importWordPress(ctx, { file, splitKicker: true, regions: ['iraq-syria'] });
    const a = await db.db.selectFrom('articles').select(['kicker', 'headline']).where('slug', '=', 'story-number-2').executeTakeFirstOrThrow();
    assert.deepEqual(a, { kicker: 'Iraq/Syria', headline: 'Story number 2' });
    const tags = await db.db.selectFrom('tags').select(['slug', 'is_region']).orderBy('slug').execute();
    assert.deepEqual(tags.map((t) => [t.slug, Number(t.is_region)]), [['iraq-syria', 1], ['water', 0]]);
    // A pattern of our own: the part before " — " is the kicker.
    const db2 = await createTestDb();
    try {
      const f2 = join(dir, 'b.xml');
      writeFileSync(f2, `${HEAD}${item(1, 'Analysis — Water wars in the north', 'x')}</channel></rss>`);
      await importWordPress(plainCtx(db2.db, db2.engine), { file: f2, splitKicker: '^(?<kicker>[^—]+?)\\s+—\\s+(?<headline>.+)$' });
      const b = await db2.db.selectFrom('articles').select(['kicker', 'headline']).executeTakeFirstOrThrow();
      assert.deepEqual(b, { kicker: 'Analysis', headline: 'Water wars in the north' });
    } finally {
      await db2.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`imported articles are searchable at once by their words, tags and bylines; a changed import is found by its new words [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  const ctx = plainCtx(db.db, db.engine);
  const author = '<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>Edwina Quillfeather</wp:author_display_name></wp:author>\n';
  const post = (word: string) =>
    item(1, 'Water talks', `The <b>${word}</b> agreement was signed.`, '<category domain="category" nicename="sahel"><![CDATA[Sahel]]></category><category domain="post_tag" nicename="rivers"><![CDATA[Riverbanks]]></category>');
  try {
    const file = join(dir, 'a.xml');
    writeFileSync(file, HEAD + author + post('zanzibarite') + item(2, 'Draft', 'zanzibarite too', '').replace('<wp:status>publish</wp:status>', '<wp:status>draft</wp:status>') + '</channel></rss>');
    await importWordPress(ctx, { file });
    const found = async (q: string) => (await searchArticles(ctx, { q })).items.map((i) => i.headline);
    assert.deepEqual(await found('zanzibarite'), ['Water talks'], 'the draft is not found');
    assert.deepEqual(await found('riverbanks'), ['Water talks']);
    assert.deepEqual(await found('sahel'), ['Water talks']);
    assert.deepEqual(await found('quillfeather'), ['Water talks']);
    writeFileSync(file, HEAD + author + post('tanganyikan') + '</channel></rss>');
    await importWordPress(ctx, { file });
    assert.deepEqual(await found('zanzibarite'), []);
    assert.deepEqual(await found('tanganyikan'), ['Water talks']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`replies listed before their parents keep their threads, and every parent gets the smaller id [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  const c = (id: number, parent: number, text: string) =>
    `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>R${id}</wp:comment_author><wp:comment_date_gmt>2020-05-0${Math.min(id, 9)} 10:00:00</wp:comment_date_gmt><wp:comment_content>${text}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
  try {
    const file = join(dir, 'a.xml');
    // 30 replies to 20, listed before it; 20 replies to 10, listed last; 40 stands alone.
    writeFileSync(file, HEAD + item(1, 'One', 'Text.', c(30, 20, 'grandchild') + c(40, 0, 'alone') + c(10, 0, 'root') + c(20, 10, 'child')) + '</channel></rss>');
    const report = await importWordPress(plainCtx(db.db, db.engine), { file });
    assert.equal(report.comments.created, 4);
    const rows = await db.db.selectFrom('comments').select(['id', 'parent_id', 'body']).orderBy('id').execute();
    const by = new Map(rows.map((r) => [r.body, { id: Number(r.id), parent: r.parent_id === null ? null : Number(r.parent_id) }]));
    assert.equal(by.get('root')!.parent, null);
    assert.equal(by.get('alone')!.parent, null);
    assert.equal(by.get('child')!.parent, by.get('root')!.id);
    assert.equal(by.get('grandchild')!.parent, by.get('child')!.id);
    assert.ok(by.get('root')!.id < by.get('child')!.id && by.get('child')!.id < by.get('grandchild')!.id);
    // Otherwise the order of the export: the first listed whose parents are all placed comes first.
    assert.deepEqual(rows.map((r) => r.body), ['root', 'child', 'grandchild', 'alone']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`unknown shortcodes are kept as text and reported with their lines; known ones are converted [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const file = join(dir, 'a.xml');
    writeFileSync(
      file,
      HEAD +
        item(1, 'One', 'Intro [sic] text.\n\n[contact-form-7 id="12" title="Contact"]\n\n[pullquote]Said so[/pullquote]\n\n[embed]https://vimeo.com/123456[/embed]\n\n[audio src="https://t.example/wp-content/uploads/a.mp3"]\n\n[[gallery]]') +
        '</channel></rss>',
    );
    const report = await importWordPress(plainCtx(db.db, db.engine), { file });
    const names = report.unknownShortcodes.map((s) => s.name).sort();
    assert.deepEqual(names, ['contact-form-7', 'pullquote']);
    assert.ok(report.unknownShortcodes.every((s) => s.lines.length === 1 && s.lines[0]! > 0));
    const body = (await db.db.selectFrom('articles').select('body_html').executeTakeFirstOrThrow()).body_html;
    assert.match(body, /Intro \[sic\] text\./);
    assert.match(body, /\[contact-form-7 id="12" title="Contact"\]/);
    assert.match(body, /\[pullquote\]Said so\[\/pullquote\]/);
    assert.match(body, /<div class="embed"><iframe src="https:\/\/player\.vimeo\.com\/video\/123456"/);
    assert.match(body, /<a href="https:\/\/t\.example\/wp-content\/uploads\/a\.mp3">Listen: a\.mp3<\/a>/);
    assert.match(body, /<p>\[gallery\]<\/p>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`hostile files: XXE and billion laughs are refused before anything is written [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const xxe = join(dir, 'xxe.xml');
    writeFileSync(xxe, `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>${item(1, '&xxe;', 'x').replace('<dc:creator>ed</dc:creator>', '')}</channel></rss>`);
    const r1 = await importWordPress(ctx, { file: xxe });
    assert.equal(r1.error?.line, 2);
    assert.match(r1.error!.message, /DTD/);
    const lol = join(dir, 'lol.xml');
    let ents = '<!ENTITY lol "lol">';
    for (let i = 1; i < 10; i++) ents += `<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.replace('&lol;', '&lol;').repeat(10)}">`;
    writeFileSync(lol, `<?xml version="1.0"?>\n<!DOCTYPE lolz [${ents}]>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`);
    const r2 = await importWordPress(ctx, { file: lol });
    assert.match(r2.error!.message, /DTD/);
    // Without a DOCTYPE an entity is simply unknown: an error with its place, not an expansion.
    const undef = join(dir, 'undef.xml');
    writeFileSync(undef, `${HEAD}${item(1, 'A &lol9; title', 'x')}</channel></rss>`);
    const r3 = await importWordPress(ctx, { file: undef });
    assert.equal(r3.error?.line, 4);
    assert.match(r3.error!.message, /undefined entity/);
    for (const [t, n] of Object.entries(await counts(db))) assert.equal(n, 0, `wrote to ${t}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`hostile files: bytes that are not UTF-8 and control characters are cleaned with a warning; oversized fields are refused [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const bad = join(dir, 'bad.xml');
    const text = `${HEAD}${item(1, 'Caf\u0001BAD', 'Line one\n\nBroken BYTES here')}</channel></rss>`;
    const buf = Buffer.from(text, 'utf8');
    // Replace "BAD" and "BYTES" with bytes that are not UTF-8.
    const withBad = Buffer.from(buf.toString('latin1').replace('BAD', '\u00e9\u00ff').replace('BYTES', '\u00c3\u0028'), 'latin1');
    writeFileSync(bad, withBad);
    const r = await importWordPress(ctx, { file: bad });
    assert.equal(r.error, null);
    assert.equal(r.articles.created, 1);
    const a = await db.db.selectFrom('articles').select(['headline', 'body_html']).executeTakeFirstOrThrow();
    assert.equal(a.headline, 'Caf\ufffd\ufffd');
    assert.match(a.body_html, /Broken \ufffd\( here/);
    assert.ok(r.warnings.some((w) => w.line === 4 && /not UTF-8/.test(w.message)));
    assert.ok(r.warnings.some((w) => w.line === 4 && /control character/.test(w.message)));

    const big = join(dir, 'big.xml');
    writeFileSync(big, `${HEAD}${item(1, 'Huge', 'x'.repeat(5000))}${item(2, 'Small', 'fine')}</channel></rss>`);
    const r2 = await importWordPress(ctx, { file: big, limits: { content: 1000 } });
    assert.equal(r2.articles.skipped, 1);
    assert.ok(r2.warnings.some((w) => /post 1 was left out: content:encoded is larger/.test(w.message)));
    assert.equal((await db.db.selectFrom('articles').select('id').where('headline', '=', 'Small').execute()).length, 1);

    const run = join(dir, 'run.xml');
    writeFileSync(run, `${HEAD}<item><title>${'y'.repeat(200_000)}</title></item></channel></rss>`);
    const r3 = await importWordPress(ctx, { file: run, limits: { run: 100_000 } });
    assert.match(r3.error!.message, /without any markup/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`malformed XML half-way: whole batches before it stay, nothing half-written; fixed and run again it completes [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const ctx = plainCtx(db.db, db.engine);
    const file = join(dir, 'broken.xml');
    await generateWxr(file, { posts: 120, commentsPerPost: 4, insertAfter: { at: 75, xml: '<item><title>Broken</item>\n' } });
    const r = await importWordPress(ctx, { file, batchSize: 50 });
    assert.ok(r.error);
    assert.match(r.error!.message, /not well formed/);
    assert.ok(r.error!.line > 1000 && r.error!.column > 0);
    // The batch of posts 51–75 was being gathered when the error came: it is not written.
    assert.equal(await count(db, 'articles'), 50);
    assert.equal(await count(db, 'comments'), 200);
    const fixed = join(dir, 'fixed.xml');
    await generateWxr(fixed, { posts: 120, commentsPerPost: 4 });
    const r2 = await importWordPress(ctx, { file: fixed, batchSize: 50 });
    assert.equal(r2.articles.unchanged, 50);
    assert.equal(r2.articles.created, 70);
    assert.equal(await count(db, 'articles'), 120);
    assert.equal(await count(db, 'comments'), 480);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

const MAIN = fileURLToPath(new URL('../../main.js', import.meta.url));

test(`an import killed half-way (SIGKILL) leaves whole items only, and running it again completes it [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const file = join(dir, 'big.xml');
    await generateWxr(file, { posts: 4000, commentsPerPost: 5, paragraphs: 8 });
    const env = { ...process.env, BROADSIDE_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) };
    const run = (extra: string[] = []) => spawn(process.execPath, [MAIN, 'import', 'wordpress', file, '--batch-size', '50', '--report', join(dir, 'r.json'), ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = run();
    let killedAt = 0;
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const n = await count(db, 'articles').catch(() => 0);
      if (n >= 300) {
        child.kill('SIGKILL');
        killedAt = n;
        break;
      }
    }
    await new Promise((r) => child.once('close', r));
    assert.ok(killedAt >= 300, 'the import made progress before it was killed');
    const mid = await count(db, 'articles');
    assert.ok(mid < 4000, `killed before the end (${mid})`);
    // Whole batches only: every article has all five comments, its byline and its tags.
    assert.equal(mid % 50, 0);
    assert.equal(await count(db, 'comments'), mid * 5);
    assert.equal(await count(db, 'article_authors'), mid);
    assert.equal(await count(db, 'article_tags'), mid * 2);
    // Its run row was left "running", with the progress it had saved; once stale it is shown as stopped.
    const [killed] = await listRuns(db.db);
    assert.equal(killed!.status, 'running', 'not yet stale');
    assert.equal(killed!.progress.phase, 'reading', JSON.stringify(killed!.progress));

    const again = run();
    let out = '';
    again.stdout.on('data', (d) => (out += d));
    const code = await new Promise((r) => again.once('close', r));
    assert.equal(code, 0, out);
    assert.match(out, new RegExp(`articles +${4000 - mid} new, 0 updated, ${mid} unchanged`));
    assert.equal(await count(db, 'articles'), 4000);
    assert.equal(await count(db, 'comments'), 20000);
    const dupes = await db.db.selectFrom('articles').select('slug').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('slug').having((eb) => eb.fn.countAll(), '>', 1).execute();
    assert.equal(dupes.length, 0);

    await settleStaleRuns(db.db, Date.now() + STALE_MS + 1_000);
    const [second, first] = await listRuns(db.db);
    assert.equal(second!.status, 'done');
    assert.equal(first!.id, killed!.id);
    assert.equal(first!.status, 'failed');
    assert.equal(first!.error, STALE_MESSAGE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`Ctrl-C (SIGINT) stops after the batch being written: exit 130, whole batches, and the summary says so [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const file = join(dir, 'big.xml');
    await generateWxr(file, { posts: 8000, commentsPerPost: 5, paragraphs: 8 });
    const env = { ...process.env, BROADSIDE_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) };
    const child = spawn(process.execPath, [MAIN, 'import', 'wordpress', file, '--batch-size', '20', '--report', join(dir, 'r.json')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if ((await count(db, 'articles').catch(() => 0)) >= 100) break;
    }
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('close', r));
    assert.equal(code, 130, out + err);
    assert.match(err, /Stopping after the batch being written/);
    assert.match(out, /Import stopped before the end\./);
    const n = await count(db, 'articles');
    assert.ok(n < 8000 && n % 20 === 0, `${n} articles`);
    assert.equal(await count(db, 'comments'), n * 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`the CLI: usage errors exit 2; a malformed file exits 1 naming file:line:column [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const env = { ...process.env, BROADSIDE_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) };
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((res) => {
        const c = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        c.stdout.on('data', (d) => (out += d));
        c.stderr.on('data', (d) => (err += d));
        c.once('close', (code) => res({ code, out, err }));
      });
    const u = await cli(['import', 'joomla', 'x.xml']);
    assert.equal(u.code, 2);
    assert.match(u.err, /Unknown import kind "joomla"/);
    const file = join(dir, 'm.xml');
    writeFileSync(file, `${HEAD}<item><title>x</title>\n</channel></rss>`);
    const m = await cli(['import', 'wordpress', file, '--report', join(dir, 'r.json')]);
    assert.equal(m.code, 1);
    assert.match(m.err, new RegExp(`m\\.xml:5:\\d+: the XML is not well formed`));
    const dry = await cli(['import', 'wordpress', file, '--dry-run', '--report', join(dir, 'r2.json')]);
    assert.equal(dry.code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

test(`--media-dir: images of the old uploads join the media library; articles and old file addresses point at the copies [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = tmp();
  try {
    const { png } = await import('../media/test-images.js');
    const { mediaStoreFor } = await import('../media/index.js');
    const { mkdirSync } = await import('node:fs');
    const media = join(dir, 'uploads');
    mkdirSync(join(media, '2020', '05'), { recursive: true });
    writeFileSync(join(media, '2020', '05', 'photo.png'), await png(300, 200));
    writeFileSync(join(media, '2020', '05', 'notes.pdf'), '%PDF-1.4');
    const attachment = `<item><title>photo</title><link>https://t.example/2020/05/01/p1/photo/</link><wp:post_id>50</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:post_parent>1</wp:post_parent>
<wp:attachment_url>https://t.example/wp-content/uploads/2020/05/photo.png</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2020/05/photo.png</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A photo</wp:meta_value></wp:postmeta></item>
`;
    const content = '<img src="https://t.example/wp-content/uploads/2020/05/photo-300x200.png" srcset="https://t.example/wp-content/uploads/2020/05/photo-150x100.png 150w" alt="x" />\n\n<img src="https://t.example/wp-content/uploads/2020/05/missing.png" alt="y" />\n\n<a href="https://t.example/wp-content/uploads/2020/05/notes.pdf">Notes</a>';
    const file = join(dir, 'a.xml');
    writeFileSync(file, `${HEAD}${attachment}${item(1, 'With images', content, '<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>50</wp:meta_value></wp:postmeta>')}</channel></rss>`);
    const ctx = plainCtx(db.db, db.engine);
    const store = mediaStoreFor(db.dataDir);
    const r = await importWordPress(ctx, { file, mediaDir: media, mediaStore: store });
    assert.equal(r.error, null);
    assert.equal(r.attachments.recorded, 1);
    assert.equal(r.attachments.copied, 1);
    assert.ok(r.filesLeftInPlace.some((f) => f.url.endsWith('missing.png') && /not found/.test(f.reason)));
    const rows = await db.db.selectFrom('media').selectAll().execute();
    assert.equal(rows.length, 1);
    const local = `/media/${rows[0]!.storage_key}/`;
    const body = (await db.db.selectFrom('articles').select('body_html').executeTakeFirstOrThrow()).body_html;
    // The resized copy's address points at the library's copy; the old srcset went; the lead figure is not doubled.
    assert.equal(body.split(local).length - 1, 1, body);
    assert.doesNotMatch(body, /srcset|photo-150x100/);
    assert.match(body, /missing\.png/);
    assert.equal((await db.db.selectFrom('redirects').select('to_path').where('from_path', '=', '/wp-content/uploads/2020/05/photo.png').executeTakeFirstOrThrow()).to_path!.startsWith(local), true);
    assert.equal((await db.db.selectFrom('redirects').select('to_path').where('from_path', '=', '/2020/05/01/p1/photo/').executeTakeFirstOrThrow()).to_path, '/2020/05/p1/');
    // Again: the image is not copied twice.
    await importWordPress(ctx, { file, mediaDir: media, mediaStore: store });
    assert.equal((await db.db.selectFrom('media').select('id').execute()).length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

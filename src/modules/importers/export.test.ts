// Export: a round trip (export → import into an empty site → export again) gives the same content; the JSON
// export carries every registered section; the CLI writes a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { createTestDb, engineName } from '../../../test/db.js';
import { plainCtx, type Ctx } from '../../platform/context/index.js';
import { anArticle, anAuthor, aTag } from '../../../test/factories.js';
import { savePage } from '../content/operations/savePage.js';
import { importComments } from '../comments/index.js';
import { importWordPress, exportSite, registerExportSection, type ExportFormat } from './index.js';
import { fixturesDir } from './testing.js';
import { applyMoneyEvent } from '../funding/index.js';

async function exported(ctx: Ctx, format: ExportFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportSite(ctx, { format, out, baseUrl: 'https://news.example', title: 'The Outlet', now: '2026-01-01T00:00:00.000Z' });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** The content of a WXR export with what differs between two sites taken out: ids and the links made of them. */
function contentOf(xml: string): unknown {
  const doc = new XMLParser({ ignoreAttributes: false, cdataPropName: false as unknown as string, parseTagValue: false, trimValues: false }).parse(xml);
  const ch = doc.rss.channel;
  const list = (x: unknown) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const items = list(ch.item).map((it: Record<string, unknown>) => {
    const comments = list(it['wp:comment']).map((c: Record<string, unknown>) => {
      const { 'wp:comment_id': _id, 'wp:comment_parent': parent, ...rest } = c;
      // A reply is kept as "reply to the comment with this text": ids differ between the two sites.
      const parentText = String(parent) === '0' ? null : list(it['wp:comment']).find((p: Record<string, unknown>) => String(p['wp:comment_id']) === String(parent))?.['wp:comment_content'];
      return { ...rest, parent: parentText ?? null };
    });
    const { 'wp:post_id': _p, guid: _g, link, 'wp:comment': _c, ...rest } = it as Record<string, unknown>;
    return { ...rest, link: String(link).includes('?p=') ? '?p=' : link, comments };
  });
  const authors = list(ch['wp:author']).map((a: Record<string, unknown>) => ({ ...a, 'wp:author_id': null }));
  const cats = list(ch['wp:category']).map((a: Record<string, unknown>) => ({ ...a, 'wp:term_id': null }));
  const tags = list(ch['wp:tag']).map((a: Record<string, unknown>) => ({ ...a, 'wp:term_id': null }));
  return { title: ch.title, authors, cats, tags, items };
}

async function seed(ctx: Ctx): Promise<void> {
  const a1 = await anAuthor(ctx, 'Rania Haddad');
  const a2 = await anAuthor(ctx, 'Tom Okafor');
  const region = await aTag(ctx, 'Iraq/Syria', true);
  const water = await aTag(ctx, 'Water');
  const { id } = await anArticle(ctx, { authorIds: [a1, a2], primaryTagId: region, tagIds: [water], kicker: 'Iraq/Syria', headline: 'Dams and the drought', bodyHtml: '<p>A <em>long</em> report.</p><h2>Upstream</h2><p>Text &amp; more.</p><blockquote><p>Quoted</p></blockquote>' });
  await anArticle(ctx, { authorIds: [a2], headline: 'A draft', status: 'draft', kicker: '' });
  await anArticle(ctx, { authorIds: [a1], headline: 'Coming soon', status: 'scheduled', publishedAt: '2031-02-03T04:05:06.000Z' });
  await anArticle(ctx, { authorIds: [a1], headline: 'Pinned explainer', publishedAt: '2025-02-01T08:00:00Z', sticky: true });
  await savePage(ctx, { title: 'About us', slug: 'about', bodyHtml: '<p>Who we are.</p>' });
  await ctx.db.transaction().execute(async (trx) => {
    await importComments(
      trx,
      ctx.engine,
      [
        { id: null, articleId: id, parent: null, status: 'approved', authorName: 'Reader', authorEmail: 'reader@example.org', authorUrl: '', body: 'First <b>point</b>.\n\nSecond line.', ip: '192.0.2.1', createdAt: '2025-05-15T09:00:00.000Z' },
        { id: null, articleId: id, parent: { index: 0 }, status: 'pending', authorName: 'Other', authorEmail: 'other@example.org', authorUrl: 'https://other.example.org/', body: 'A reply & a half.', ip: '', createdAt: '2025-05-15T10:00:00.000Z' },
        { id: null, articleId: id, parent: null, status: 'spam', authorName: 'Spammer', authorEmail: '', authorUrl: '', body: 'Buy things', ip: '', createdAt: '2025-05-15T11:00:00.000Z' },
      ],
      '2025-05-15T12:00:00.000Z',
    );
  });
}

test(`round trip: export, import into an empty site, export again gives the same content [${engineName}]`, async () => {
  const a = await createTestDb();
  const b = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'broadside-export-'));
  try {
    const ctxA = plainCtx(a.db, a.engine);
    await seed(ctxA);
    const dirFx = fixturesDir();
    if (dirFx) await importWordPress(ctxA, { file: join(dirFx, 'theme-unit-test-data.xml'), splitKicker: true });
    const first = await exported(ctxA, 'wxr');
    const file = join(dir, 'export.xml');
    writeFileSync(file, first);
    const ctxB = plainCtx(b.db, b.engine);
    const report = await importWordPress(ctxB, { file });
    assert.equal(report.error, null);
    assert.equal(report.warnings.filter((w) => !/no title|password|private|draft here/.test(w.message)).length, 0, JSON.stringify(report.warnings.slice(0, 5)));
    const second = await exported(ctxB, 'wxr');
    if (process.env.ROUND_TRIP_DUMP) {
      writeFileSync(`${process.env.ROUND_TRIP_DUMP}.1.json`, JSON.stringify(contentOf(first), null, 1));
      writeFileSync(`${process.env.ROUND_TRIP_DUMP}.2.json`, JSON.stringify(contentOf(second), null, 1));
    }
    assert.deepEqual(contentOf(second), contentOf(first));
    // And the content really is there: the seeded article with its kicker, two bylines, region and thread.
    const art = await b.db.selectFrom('articles').selectAll().where('headline', '=', 'Dams and the drought').executeTakeFirstOrThrow();
    assert.equal(art.kicker, 'Iraq/Syria');
    const region = await b.db.selectFrom('tags').selectAll().where('id', '=', art.primary_tag_id!).executeTakeFirstOrThrow();
    assert.equal(Number(region.is_region), 1);
    const bylines = await b.db.selectFrom('article_authors').select('author_id').where('article_id', '=', art.id).execute();
    assert.equal(bylines.length, 2);
    const comments = await b.db.selectFrom('comments').selectAll().where('article_id', '=', art.id).orderBy('created_at').execute();
    assert.deepEqual(comments.map((c) => [c.status, c.body, c.author_email]), [
      ['approved', 'First <b>point</b>.\n\nSecond line.', 'reader@example.org'],
      ['pending', 'A reply & a half.', 'other@example.org'],
      ['spam', 'Buy things', ''],
    ]);
    assert.equal(Number(comments[1]!.parent_id), Number(comments[0]!.id));
    // The sticky flag went out as wp:is_sticky and came back.
    assert.match(first, /<title><!\[CDATA\[Pinned explainer\]\]><\/title>[\s\S]*?<wp:is_sticky>1<\/wp:is_sticky>/);
    assert.equal((first.match(/<wp:is_sticky>1<\/wp:is_sticky>/g) ?? []).length, dirFx ? 2 : 1);
    const stuck = await b.db.selectFrom('articles').select('headline').where('sticky', '=', 1).orderBy('headline').execute();
    assert.deepEqual(stuck.map((r) => r.headline), dirFx ? ['Pinned explainer', 'Sticky'] : ['Pinned explainer']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await a.close();
    await b.close();
  }
});

test(`JSON export: every registered section, streamed as one JSON document [${engineName}]`, async () => {
  const db = await createTestDb();
  try {
    const ctx = plainCtx(db.db, db.engine);
    await seed(ctx);
    registerExportSection({
      name: `test-section-${engineName}`,
      async *rows() {
        yield { amount: 500, currency: 'EUR' };
      },
    });
    const doc = JSON.parse(await exported(ctx, 'json'));
    assert.equal(doc.format, 'broadside-export');
    assert.equal(doc.site.title, 'The Outlet');
    assert.equal(doc.articles.length, 4);
    assert.equal(doc.pages.length, 1);
    assert.equal(doc.authors.length, 2);
    assert.equal(doc.tags.length, 2);
    assert.equal(doc.comments.length, 3);
    assert.ok(Array.isArray(doc.media) && Array.isArray(doc.redirects));
    const art = doc.articles.find((x: { headline: string }) => x.headline === 'Dams and the drought');
    assert.deepEqual(art.authors, ['rania-haddad', 'tom-okafor']);
    assert.equal(art.primaryTag, 'iraq-syria');
    assert.equal(art.sticky, false);
    assert.equal(doc.articles.find((x: { headline: string }) => x.headline === 'Pinned explainer').sticky, true);
    assert.deepEqual(doc[`test-section-${engineName}`], [{ amount: 500, currency: 'EUR' }]);
    assert.deepEqual(doc.ledger, [], 'the donations ledger is a section, empty before any donation');
    // A donation confirmed by a provider is in the next export, in minor units with its currency.
    await applyMoneyEvent(
      ctx,
      { provider: 'paypal', eventId: 'WH-EXPORT-1', eventType: 'PAYMENT.CAPTURE.COMPLETED', outcome: 'applied', facts: [{ type: 'payment', provider: 'paypal', providerId: 'CAPTURE-EXPORT-1', kind: 'one_off', amountMinor: 2500, currency: 'EUR', occurredAt: '2025-06-01T10:00:00.000Z', donorName: 'Ada Reader', donorEmail: 'ada.reader@example.org' }] },
      { baseUrl: 'http://news.test', title: 'The Outlet' },
    );
    const again = JSON.parse(await exported(ctx, 'json'));
    assert.equal(again.ledger.length, 1);
    assert.equal(again.ledger[0].amountMinor, 2500);
    assert.equal(again.ledger[0].currency, 'EUR');
    assert.equal(again.ledger[0].providerId, 'CAPTURE-EXPORT-1');
  } finally {
    await db.close();
  }
});

test(`broadside export writes a file; a bad format is a usage error [${engineName}]`, async () => {
  const db = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'broadside-export-'));
  try {
    await seed(plainCtx(db.db, db.engine));
    const main = fileURLToPath(new URL('../../main.js', import.meta.url));
    const env = { ...process.env, BROADSIDE_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) };
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((res) => {
        const c = spawn(process.execPath, [main, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        c.stderr.on('data', (d) => (err += d));
        c.once('close', (code) => res({ code, err }));
      });
    const out = join(dir, 'site.xml');
    const r = await cli(['export', '--format', 'wxr', '--output', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /Exported 2 authors, 2 tags, 4 articles, 1 pages, 3 comments, 0 media/);
    const xml = readFileSync(out, 'utf8');
    assert.match(xml, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
    assert.doesNotThrow(() => new XMLParser().parse(xml));
    const bad = await cli(['export', '--format', 'csv']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be one of wxr, json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
});

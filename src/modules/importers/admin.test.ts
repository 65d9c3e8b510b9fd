// Importing from the admin: an administrator uploads the export, a job from the durable queue imports it, and
// the run's progress and report can be read while and after it runs. Others may not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineName } from '../../../test/db.js';
import { createTestApp } from '../../../test/app.js';
import { addUser, signIn } from '../editorial/auth/testing.js';
import { multipartBody } from '../media/test-images.js';
import { generateWxr } from './testing.js';

test(`an administrator uploads an export; a job imports it; the admin follows its progress [${engineName}]`, async () => {
  const t = await createTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'broadside-admin-import-'));
  try {
    const admin = await addUser(t, 'administrator');
    const editor = await addUser(t, 'editor');
    const s = await signIn(t, admin);
    const file = join(dir, 'site.xml');
    await generateWxr(file, { posts: 40, commentsPerPost: 2 });
    const body = multipartBody('file', 'my-site.WordPress.2026-01-01.xml', 'text/xml', readFileSync(file), { splitKicker: 'true', regions: 'iraq-syria' });

    const e = await signIn(t, editor);
    const refused = await t.app.inject({ method: 'POST', url: '/api/admin/imports', headers: { ...body.headers, cookie: e.cookie, 'x-csrf-token': e.csrf }, payload: body.payload });
    assert.equal(refused.statusCode, 403);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/admin/imports', headers: { ...body.headers, cookie: s.cookie }, payload: body.payload });
    assert.equal(noCsrf.statusCode, 403);

    const res = await t.app.inject({ method: 'POST', url: '/api/admin/imports', headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: body.payload });
    assert.equal(res.statusCode, 202, res.body);
    const run = res.json().run;
    assert.equal(run.status, 'queued');
    assert.equal(run.fileName, 'my-site.WordPress.2026-01-01.xml');
    assert.deepEqual(run.options, { dryRun: false, regions: ['iraq-syria'], splitKicker: true });

    const ran = await t.jobs.runDueJobs(t.ctx);
    assert.ok(ran >= 1);
    const done = (await t.app.inject({ url: `/api/admin/imports/${run.id}`, headers: { cookie: s.cookie } })).json().run;
    assert.equal(done.status, 'done', JSON.stringify(done.error));
    assert.equal(done.progress.phase, 'done');
    assert.equal(done.progress.posts, 40);
    assert.equal(done.report.articles.created, 40);
    assert.equal(done.report.comments.created, 80);
    const a = await t.ctx.db.selectFrom('articles').select(['kicker', 'headline']).where('slug', '=', 'story-number-1').executeTakeFirstOrThrow();
    assert.deepEqual(a, { kicker: 'Iraq/Syria', headline: 'Story number 1' });
    // The uploaded file is gone once the run is over.
    assert.deepEqual(readdirSync(join(t.config.dataDir, 'imports')).filter((f) => f.startsWith('upload-')), []);
    const list = (await t.app.inject({ url: '/api/admin/imports', headers: { cookie: s.cookie } })).json().runs;
    assert.equal(list[0].id, run.id);

    // A malformed upload: the run fails with the line and column; no retry can help.
    const broken = multipartBody('file', 'broken.xml', 'text/xml', Buffer.from('<?xml version="1.0"?>\n<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>\n<item></channel></rss>'));
    const r2 = await t.app.inject({ method: 'POST', url: '/api/admin/imports', headers: { ...broken.headers, cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: broken.payload });
    assert.equal(r2.statusCode, 202);
    await t.jobs.runDueJobs(t.ctx);
    const failed = (await t.app.inject({ url: `/api/admin/imports/${r2.json().run.id}`, headers: { cookie: s.cookie } })).json().run;
    assert.equal(failed.status, 'failed');
    assert.match(failed.error, /^line 3, column \d+: the XML is not well formed/);

    const noFile = multipartBody('other', 'x.xml', 'text/xml', Buffer.from('x'));
    const r3 = await t.app.inject({ method: 'POST', url: '/api/admin/imports', headers: { ...noFile.headers, cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: noFile.payload });
    assert.equal(r3.statusCode, 400);
    assert.match(r3.json().error.message, /file field named "file"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  }
});

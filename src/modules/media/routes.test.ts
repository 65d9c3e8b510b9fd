import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaffUser, type Role } from '../editorial/index.js';
import { sanitizeHtml } from '../../platform/html/sanitizer.js';
import { CAMERA_MAKE, CAMERA_MODEL, jpegWithExif, multipartBody, png, readExif } from './test-images.js';

let t: TestApp;
const password = 'correct horse battery staple';
const sessions: Partial<Record<Role, { cookie: string; csrf: string; id: number }>> = {};

async function signInAs(role: Role): Promise<{ cookie: string; csrf: string; id: number }> {
  const email = `${role}@news.test`;
  const { id } = await createStaffUser(t.ctx, { email, name: `A ${role}`, role, password });
  const res = await t.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password }, headers: { 'content-type': 'application/json' } });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken as string, id };
}

before(async () => {
  // A small upload limit: big enough for the test images, small enough to exceed cheaply.
  t = await createTestApp({ maxUploadMb: 1 });
  sessions.author = await signInAs('author');
  sessions.contributor = await signInAs('contributor');
  sessions.editor = await signInAs('editor');
});
after(async () => {
  await t.close();
});

function as(role: Role) {
  const s = sessions[role]!;
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}

async function upload(role: Role, filename: string, type: string, data: Buffer, extra: Record<string, string> = {}) {
  const { payload, headers } = multipartBody('file', filename, type, data, extra);
  return t.app.inject({ method: 'POST', url: '/api/admin/media', payload, headers: { ...headers, ...as(role) } });
}

const mediaRoot = () => join(t.config.dataDir, 'media');

test('an author uploads a JPEG; its public files are served without camera or GPS metadata; the original is not', async () => {
  const original = await jpegWithExif(1200, 600);
  const res = await upload('author', 'Beach.JPG', 'image/jpeg', original, { alt: 'Waves on the beach', credit: 'Photo: Staff' });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers['cache-control'], 'no-store');
  const m = res.json();
  assert.equal(m.mime, 'image/jpeg');
  assert.equal(m.width, 1200);
  assert.equal(m.alt, 'Waves on the beach');
  assert.equal(m.credit, 'Photo: Staff');
  assert.equal(m.uploadedBy, sessions.author!.id);
  assert.equal(m.originalFilename, 'Beach.JPG');
  assert.deepEqual(m.variants.webp.map((v: { width: number }) => v.width), [480, 960, 1200]);
  assert.equal(sanitizeHtml(m.html), m.html);
  assert.match(m.html, /alt="Waves on the beach"/);

  const files = [m.variants.full, ...m.variants.avif, ...m.variants.webp];
  for (const f of files) {
    const r = await t.app.inject({ method: 'GET', url: f.url });
    assert.equal(r.statusCode, 200, f.url);
    assert.equal(r.headers['content-type'], f.type);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(r.headers.etag), /^"[A-Za-z0-9_-]{22}"$/);
    assert.equal(r.rawPayload.length, f.bytes);
    const meta = await sharp(r.rawPayload).metadata();
    assert.equal(meta.width, f.width);
    const ex = readExif(meta.exif);
    assert.ok(!ex || (!ex.hasGps && !ex.make && !ex.model), f.url);
    assert.equal(r.rawPayload.includes(CAMERA_MAKE) || r.rawPayload.includes(CAMERA_MODEL), false, f.url);
    const again = await t.app.inject({ method: 'GET', url: f.url, headers: { 'if-none-match': String(r.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
  }
  const head = await t.app.inject({ method: 'HEAD', url: m.url });
  assert.equal(head.statusCode, 200);
  assert.equal(head.headers['content-type'], 'image/jpeg');

  // The original stays on disk as uploaded, under the private prefix, and no URL reaches it.
  const privateDir = join(mediaRoot(), 'private', m.key);
  assert.deepEqual(readdirSync(privateDir), ['original']);
  for (const url of [`/media/${m.key}/original`, `/media/private/${m.key}/original`, `/media/${m.key}/../../private/${m.key}/original`, `/media/${m.key}/..%2F..%2Fprivate%2F${m.key}%2Foriginal`]) {
    const r = await t.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 404, url);
    assert.equal(r.rawPayload.includes(CAMERA_MAKE), false, url);
  }
});

test('anything but a stored variant is 404, including traversal attempts', async () => {
  const ok = (await upload('author', 'a.png', 'image/png', await png(100, 50))).json();
  assert.equal((await t.app.inject({ method: 'GET', url: `/media/${ok.key}/w100.webp` })).statusCode, 200);
  const key = ok.key as string;
  for (const url of [
    `/media/${key}/w101.webp`,
    `/media/${key}/full.jpg`,
    `/media/${key}/`,
    `/media/${key}`,
    `/media/${key.toUpperCase()}/w100.webp`,
    '/media/0123456789abcdef0123456789abcdef/w100.webp',
    '/media/../../etc/passwd',
    '/media/%2e%2e/%2e%2e%2fetc%2fpasswd',
    `/media/${key}/%2e%2e%2f%2e%2e%2fbroadside.db`,
    `/media/..%2F..%2F/broadside.db`,
    `/media/${key}/w100.webp%00.png`,
    `/media/${key}/.w100.webp`,
    '/media/private/x',
    `/media/${key}/w0100.webp`,
  ]) {
    const r = await t.app.inject({ method: 'GET', url });
    assert.ok(r.statusCode === 404, `${url} → ${r.statusCode}`);
  }
});

test('bad uploads get a clear error with a stable code, and store nothing', async () => {
  const before = (await t.db.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const r415 = await upload('author', 'holiday.jpg', 'image/jpeg', Buffer.from('just some text, not a JPEG at all'));
  assert.equal(r415.statusCode, 415);
  assert.equal(r415.json().error.code, 'BROADSIDE_E_UNSUPPORTED_MEDIA');
  assert.match(r415.json().error.message, /not an image.*JPEG, PNG, WebP, AVIF or GIF/);

  const big = Buffer.concat([await png(10, 10), Buffer.alloc(1024 * 1024 + 10)]);
  const r413 = await upload('author', 'big.png', 'image/png', big);
  assert.equal(r413.statusCode, 413);
  assert.equal(r413.json().error.code, 'BROADSIDE_E_TOO_LARGE');
  assert.match(r413.json().error.message, /larger than the 1 MB allowed/);

  const noFile = await t.app.inject({ method: 'POST', url: '/api/admin/media', payload: { file: 'x' }, headers: { 'content-type': 'application/json', ...as('author') } });
  assert.equal(noFile.statusCode, 400);
  assert.equal(noFile.json().error.code, 'BROADSIDE_E_BAD_INPUT');
  const wrongField = multipartBody('image', 'a.png', 'image/png', await png());
  const rf = await t.app.inject({ method: 'POST', url: '/api/admin/media', payload: wrongField.payload, headers: { ...wrongField.headers, ...as('author') } });
  assert.equal(rf.statusCode, 400);
  assert.match(rf.json().error.message, /field named "file"/);

  const after = (await t.db.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  assert.equal(Number(after), Number(before));
});

test('a PNG named .gif is stored as a PNG', async () => {
  const res = await upload('author', 'animation.gif', 'image/gif', await png(200, 100));
  assert.equal(res.statusCode, 201, res.body);
  const m = res.json();
  assert.equal(m.mime, 'image/png');
  assert.equal(m.variants.full.file, 'full.png');
  const r = await t.app.inject({ method: 'GET', url: m.url });
  assert.equal(r.headers['content-type'], 'image/png');
});

test('list, read, describe and delete through the admin API', async () => {
  const created = (await upload('author', 'harbour-at-dawn.png', 'image/png', await png(120, 80))).json();
  const list = await t.app.inject({ method: 'GET', url: '/api/admin/media?q=harbour', headers: as('author') });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json().items.map((i: { id: number }) => i.id), [created.id]);
  assert.equal(list.json().total, 1);
  const all = await t.app.inject({ method: 'GET', url: '/api/admin/media?page=1', headers: as('author') });
  assert.ok(all.json().total >= 2);
  assert.equal(all.json().items[0].id, created.id, 'newest first');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/media?page=0', headers: as('author') })).statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/admin/media?q=${'x'.repeat(201)}`, headers: as('author') })).statusCode, 400);

  const one = await t.app.inject({ method: 'GET', url: `/api/admin/media/${created.id}`, headers: as('author') });
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().originalFilename, 'harbour-at-dawn.png');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/media/99999', headers: as('author') })).json().error.code, 'BROADSIDE_E_NOT_FOUND');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/media/abc', headers: as('author') })).statusCode, 404);

  const patch = await t.app.inject({ method: 'PATCH', url: `/api/admin/media/${created.id}`, payload: { alt: 'Boats at dawn', caption: 'The harbour' }, headers: as('author') });
  assert.equal(patch.statusCode, 200, patch.body);
  assert.equal(patch.json().alt, 'Boats at dawn');
  assert.match(patch.json().html, /<figcaption>The harbour<\/figcaption>/);
  const tooLong = await t.app.inject({ method: 'PATCH', url: `/api/admin/media/${created.id}`, payload: { alt: 'x'.repeat(501) }, headers: as('author') });
  assert.equal(tooLong.statusCode, 400);
  assert.equal(tooLong.json().error.code, 'BROADSIDE_E_BAD_INPUT');
  assert.equal(tooLong.json().error.field, 'alt');
  const unknownField = await t.app.inject({ method: 'PATCH', url: `/api/admin/media/${created.id}`, payload: { width: 5 }, headers: as('author') });
  assert.equal(unknownField.statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/admin/media/${created.id}`, headers: as('author') })).json().alt, 'Boats at dawn');

  const byEditor = (await upload('editor', 'editors.png', 'image/png', await png(60, 40))).json();
  const notYours = await t.app.inject({ method: 'DELETE', url: `/api/admin/media/${byEditor.id}`, headers: as('author') });
  assert.equal(notYours.statusCode, 403);
  assert.match(notYours.json().error.message, /Only an editor may delete/);
  assert.equal((await t.app.inject({ method: 'GET', url: byEditor.url })).statusCode, 200, 'still there');
  // Nor change how it is described (as in WordPress: others' media are an editor's to edit)…
  const describe = await t.app.inject({ method: 'PATCH', url: `/api/admin/media/${byEditor.id}`, payload: { alt: 'Chart' }, headers: as('author') });
  assert.equal(describe.statusCode, 403);
  assert.match(describe.json().error.message, /Only an editor may change the alt text/);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/admin/media/${byEditor.id}`, headers: as('author') })).json().alt, byEditor.alt, 'unchanged');
  // …while an editor may describe an author's.
  assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/admin/media/${created.id}`, payload: { credit: 'Photo desk' }, headers: as('editor') })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/admin/media/${byEditor.id}`, headers: as('editor') })).statusCode, 204);

  const del = await t.app.inject({ method: 'DELETE', url: `/api/admin/media/${created.id}`, headers: as('author') });
  assert.equal(del.statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: created.url })).statusCode, 404);
  assert.equal(existsSync(join(mediaRoot(), 'private', created.key)), false);
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/admin/media/${created.id}`, headers: as('author') })).statusCode, 404);
});

test('without a session 401; without the CSRF token 403; a contributor may not manage media', async () => {
  const img = await png(50, 50);
  const { payload, headers } = multipartBody('file', 'a.png', 'image/png', img);
  const anon = await t.app.inject({ method: 'POST', url: '/api/admin/media', payload, headers });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.json().error.code, 'BROADSIDE_E_UNAUTHENTICATED');
  for (const [method, url] of [['GET', '/api/admin/media'], ['GET', '/api/admin/media/1'], ['PATCH', '/api/admin/media/1'], ['DELETE', '/api/admin/media/1']] as const) {
    const r = await t.app.inject({ method, url, ...(method === 'PATCH' ? { payload: { alt: 'x' } } : {}) });
    assert.equal(r.statusCode, 401, `${method} ${url}`);
  }
  const noCsrf = await t.app.inject({ method: 'POST', url: '/api/admin/media', payload, headers: { ...headers, cookie: sessions.author!.cookie } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'BROADSIDE_E_CSRF');
  const contributor = await upload('contributor', 'a.png', 'image/png', img);
  assert.equal(contributor.statusCode, 403);
  assert.equal(contributor.json().error.code, 'BROADSIDE_E_FORBIDDEN');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/media', headers: as('contributor') })).statusCode, 403);
  const count = (await t.db.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).where('uploaded_by', '=', sessions.contributor!.id).executeTakeFirstOrThrow()).n;
  assert.equal(Number(count), 0);
});

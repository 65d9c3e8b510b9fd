import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../../test/db.js';
import { plainCtx, type Ctx } from '../../../platform/context/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { LocalMediaStore, readAll } from '../store.js';
import { DEFAULT_LIMITS } from '../images.js';
import { findMedia, getMedia, listMedia } from '../queries.js';
import { cleanFilename, mediaKeys, originalKey, uploadImage } from './uploadImage.js';
import { updateMedia } from './updateMedia.js';
import { deleteMedia } from './deleteMedia.js';
import { CAMERA_MAKE, CAMERA_MODEL, gif, jpegWithExif, png, pngClaiming, readExif } from '../test-images.js';

let db: TestDb;
let ctx: Ctx;
let store: LocalMediaStore;
let root: string;

before(async () => {
  db = await createTestDb();
  ctx = plainCtx(db.db, db.engine);
  root = join(db.dataDir, 'media');
  store = new LocalMediaStore(root);
});
after(async () => {
  await db.close();
});

async function stored(key: string): Promise<Buffer> {
  const s = await store.get(key);
  assert.ok(s, `${key} is stored`);
  return readAll(s);
}

async function rowCount(): Promise<number> {
  const r = await db.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

const expectCode = (code: string, status: number, message: RegExp) => (err: unknown) => {
  assert.ok(err instanceof AppError, `AppError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.equal(err.status, status);
  assert.match(err.message, message);
  return true;
};

test('a JPEG becomes WebP and AVIF variants at each width and a full copy, none carrying camera or GPS metadata', async () => {
  const original = await jpegWithExif(2000, 1000);
  // The fixture really carries what must be removed (otherwise the checks below prove nothing).
  const om = await sharp(original).metadata();
  const oe = readExif(om.exif)!;
  assert.equal(oe.make, CAMERA_MAKE);
  assert.equal(oe.model, CAMERA_MODEL);
  assert.equal(oe.hasGps, true);
  assert.ok(om.icc, 'fixture has an ICC profile');

  const m = await uploadImage(ctx, store, { buffer: original, filename: '../../etc/Holiday <snap>.JPG', uploadedBy: 7, alt: ' A river ' });
  assert.equal(m.mime, 'image/jpeg');
  assert.equal(m.width, 2000);
  assert.equal(m.height, 1000);
  assert.equal(m.bytes, original.length);
  assert.equal(m.originalFilename, 'Holiday _snap_.JPG');
  assert.equal(m.alt, 'A river');
  assert.equal(m.uploadedBy, 7);
  assert.match(m.key, /^[0-9a-f]{32}$/);
  assert.deepEqual(m.variants.avif.map((v) => v.width), [480, 960, 1600, 2000]);
  assert.deepEqual(m.variants.webp.map((v) => v.width), [480, 960, 1600, 2000]);
  assert.equal(m.variants.full.file, 'full.jpg');

  const publicFiles = [m.variants.full, ...m.variants.avif, ...m.variants.webp];
  for (const v of publicFiles) {
    const buf = await stored(`public/${m.key}/${v.file}`);
    assert.equal(buf.length, v.bytes, v.file);
    const meta = await sharp(buf).metadata();
    const want = v.file.endsWith('.avif') ? 'heif' : v.file.endsWith('.webp') ? 'webp' : 'jpeg';
    assert.equal(meta.format, want, v.file);
    if (want === 'heif') assert.equal(meta.compression, 'av1');
    assert.equal(meta.width, v.width, v.file);
    assert.equal(meta.height, v.height, v.file);
    assert.equal(meta.height, Math.round((v.width * 1000) / 2000), `${v.file} keeps the aspect ratio`);
    const ex = readExif(meta.exif);
    assert.ok(!ex || (!ex.hasGps && ex.make === null && ex.model === null), `${v.file} has no GPS or camera EXIF`);
    assert.equal(buf.includes(CAMERA_MAKE), false, `${v.file} bytes hold no camera make`);
    assert.equal(buf.includes(CAMERA_MODEL), false, `${v.file} bytes hold no camera model`);
    assert.ok(meta.icc, `${v.file} keeps the colour profile`);
  }
  // Exactly those files are public; the original is kept privately, byte for byte.
  assert.deepEqual(
    filesUnder(join(root, 'public', m.key)).map((f) => f.split('/').pop()).sort(),
    publicFiles.map((v) => v.file).sort(),
  );
  assert.deepEqual(await stored(originalKey(m.key)), original);
  assert.ok(originalKey(m.key).startsWith('private/'));

  const again = await getMedia(db.db, m.id);
  assert.deepEqual(again, m);
});

test('variants are never wider than the original; a small image gets its own width', async () => {
  const m = await uploadImage(ctx, store, { buffer: await png(700, 300), filename: 'chart.png', uploadedBy: null });
  assert.deepEqual(m.variants.webp.map((v) => v.width), [480, 700]);
  assert.deepEqual(m.variants.avif.map((v) => v.width), [480, 700]);
  assert.equal(m.variants.full.file, 'full.png');
  assert.equal(m.variants.full.width, 700);
  const big = await uploadImage(ctx, store, { buffer: await jpegWithExif(2600, 100), filename: 'wide.jpg', uploadedBy: null });
  assert.deepEqual(big.variants.webp.map((v) => v.width), [480, 960, 1600, 2400]);
  assert.equal(big.variants.full.width, 2600);
});

test('EXIF orientation is applied, and the stored size is the upright one', async () => {
  const m = await uploadImage(ctx, store, { buffer: await jpegWithExif(600, 400, 6), filename: 'portrait.jpg', uploadedBy: null });
  assert.equal(m.width, 400);
  assert.equal(m.height, 600);
  const full = await sharp(await stored(`public/${m.key}/full.jpg`)).metadata();
  assert.equal(full.width, 400);
  assert.equal(full.height, 600);
  assert.ok(!full.orientation || full.orientation === 1);
});

test('the type is read from the content: a PNG named .gif is a PNG, GIFs stay GIFs', async () => {
  const m = await uploadImage(ctx, store, { buffer: await png(), filename: 'logo.gif', uploadedBy: null });
  assert.equal(m.mime, 'image/png');
  assert.equal(m.variants.full.file, 'full.png');
  assert.equal((await sharp(await stored(`public/${m.key}/full.png`)).metadata()).format, 'png');

  const g = await uploadImage(ctx, store, { buffer: await gif(64, 48, 3), filename: 'anim.gif', uploadedBy: null });
  assert.equal(g.mime, 'image/gif');
  assert.equal(g.width, 64);
  assert.equal(g.height, 48);
  const full = await sharp(await stored(`public/${g.key}/full.gif`), { animated: true }).metadata();
  assert.equal(full.pages, 3, 'animation kept in the full copy');
  assert.deepEqual(g.variants.webp.map((v) => [v.width, v.height]), [[64, 48]]);
});

test('WebP and AVIF originals are accepted', async () => {
  const webp = await sharp(await png(500, 250)).webp().toBuffer();
  const w = await uploadImage(ctx, store, { buffer: webp, filename: 'x', uploadedBy: null });
  assert.equal(w.mime, 'image/webp');
  assert.equal(w.variants.full.file, 'full.webp');
  const avif = await sharp(await png(500, 250)).avif({ effort: 0 }).toBuffer();
  const a = await uploadImage(ctx, store, { buffer: avif, filename: 'y.avif', uploadedBy: null });
  assert.equal(a.mime, 'image/avif');
  assert.equal(a.variants.full.file, 'full.avif');
});

test('bad files are refused with a clear error and leave nothing behind', async () => {
  const rows = await rowCount();
  const files = filesUnder(root).length;
  const text = Buffer.from('This is not a picture, whatever its name says.\n');
  await assert.rejects(uploadImage(ctx, store, { buffer: text, filename: 'photo.jpg', uploadedBy: null }), expectCode('BROADSIDE_E_UNSUPPORTED_MEDIA', 415, /not an image.*JPEG, PNG, WebP, AVIF or GIF/));
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  await assert.rejects(uploadImage(ctx, store, { buffer: svg, filename: 'x.png', uploadedBy: null }), expectCode('BROADSIDE_E_UNSUPPORTED_MEDIA', 415, /not an image/));
  const tiff = await sharp(await png()).tiff().toBuffer();
  await assert.rejects(uploadImage(ctx, store, { buffer: tiff, filename: 'x.jpg', uploadedBy: null }), expectCode('BROADSIDE_E_UNSUPPORTED_MEDIA', 415, /not an image/));
  // Right magic, broken body.
  const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
  await assert.rejects(uploadImage(ctx, store, { buffer: broken, filename: 'x.jpg', uploadedBy: null }), expectCode('BROADSIDE_E_UNSUPPORTED_MEDIA', 415, /could not be read/));
  await assert.rejects(uploadImage(ctx, store, { buffer: Buffer.alloc(0), filename: 'x.jpg', uploadedBy: null }), expectCode('BROADSIDE_E_BAD_INPUT', 400, /empty/));

  const jpg = await jpegWithExif(400, 300);
  await assert.rejects(
    uploadImage(ctx, store, { buffer: jpg, filename: 'x.jpg', uploadedBy: null }, { ...DEFAULT_LIMITS, maxBytes: jpg.length - 1 }),
    expectCode('BROADSIDE_E_TOO_LARGE', 413, /larger than the .* MB allowed/),
  );
  // A header promising 60,000 x 60,000 pixels is refused before anything is decoded.
  await assert.rejects(uploadImage(ctx, store, { buffer: await pngClaiming(60_000, 60_000), filename: 'bomb.png', uploadedBy: null }), expectCode('BROADSIDE_E_TOO_LARGE', 413, /megapixels/));
  await assert.rejects(
    uploadImage(ctx, store, { buffer: jpg, filename: 'x.jpg', uploadedBy: null }, { ...DEFAULT_LIMITS, maxPixels: 400 * 300 - 1 }),
    expectCode('BROADSIDE_E_TOO_LARGE', 413, /megapixels/),
  );
  await assert.rejects(uploadImage(ctx, store, { buffer: jpg, filename: 'x.jpg', uploadedBy: null, alt: 'x'.repeat(501) }), expectCode('BROADSIDE_E_BAD_INPUT', 400, /Alt text must be at most 500/));

  assert.equal(await rowCount(), rows);
  assert.equal(filesUnder(root).length, files);
});

test('if a file cannot be written, no row is added and the files already written are removed', async () => {
  const dir = join(db.dataDir, 'media-broken');
  mkdirSync(dir, { recursive: true });
  // A plain file where the public folder should be: writing the original works, the variants fail.
  writeFileSync(join(dir, 'public'), 'in the way');
  const broken = new LocalMediaStore(dir);
  const rows = await rowCount();
  await assert.rejects(uploadImage(ctx, broken, { buffer: await png(), filename: 'a.png', uploadedBy: null }), /ENOTDIR|EEXIST/);
  assert.equal(await rowCount(), rows);
  assert.deepEqual(filesUnder(join(dir, 'private')), []);
});

test('if the row cannot be written, the files are removed', async () => {
  const other = await createTestDb();
  try {
    const otherCtx = plainCtx(other.db, other.engine);
    const dir = join(other.dataDir, 'media');
    const s = new LocalMediaStore(dir);
    await sql`drop table media`.execute(other.db);
    await assert.rejects(uploadImage(otherCtx, s, { buffer: await png(), filename: 'a.png', uploadedBy: null }), /media/);
    assert.deepEqual(filesUnder(dir), []);
  } finally {
    await other.close();
  }
});

test('alt, caption and credit are updated with checked lengths', async () => {
  const m = await uploadImage(ctx, store, { buffer: await png(), filename: 'a.png', uploadedBy: null });
  const u = await updateMedia(ctx, m.id, { alt: '  Protesters outside the ministry ', caption: 'Line one\r\nline two', credit: 'Photo: A. Person' });
  assert.equal(u.alt, 'Protesters outside the ministry');
  assert.equal(u.caption, 'Line one\nline two');
  assert.equal(u.credit, 'Photo: A. Person');
  const partial = await updateMedia(ctx, m.id, { credit: '' });
  assert.equal(partial.alt, 'Protesters outside the ministry');
  assert.equal(partial.credit, '');

  await assert.rejects(updateMedia(ctx, m.id, { caption: 'x'.repeat(2001) }), expectCode('BROADSIDE_E_BAD_INPUT', 400, /caption must be at most 2000/));
  await assert.rejects(updateMedia(ctx, m.id, { credit: 'a\nb' }), expectCode('BROADSIDE_E_BAD_INPUT', 400, /single line/));
  await assert.rejects(updateMedia(ctx, m.id, { alt: 5 as unknown as string }), expectCode('BROADSIDE_E_BAD_INPUT', 400, /must be text/));
  await assert.rejects(updateMedia(ctx, m.id, { mime: 'text/html' } as never), expectCode('BROADSIDE_E_BAD_INPUT', 400, /Only alt, caption and credit/));
  await assert.rejects(updateMedia(ctx, 999_999, { alt: 'x' }), expectCode('BROADSIDE_E_NOT_FOUND', 404, /no image 999999/));
  assert.deepEqual(await getMedia(db.db, m.id), partial, 'failed updates changed nothing');
});

test('listing is newest first, paged, and searchable by name, alt, caption or credit', async () => {
  const fresh = await createTestDb();
  try {
    const c = plainCtx(fresh.db, fresh.engine);
    const s = new LocalMediaStore(join(fresh.dataDir, 'media'));
    const img = await png(40, 30);
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await uploadImage(c, s, { buffer: img, filename: `pic-${i}.png`, uploadedBy: null, credit: i === 3 ? 'Reuters' : '' }, DEFAULT_LIMITS, `2026-01-0${i + 1}T00:00:00.000Z`));
    }
    await updateMedia(c, made[1]!.id, { alt: '100% Real_Thing' });
    const p1 = await listMedia(fresh.db, { page: 1, pageSize: 2 });
    assert.deepEqual(p1.items.map((m) => m.originalFilename), ['pic-4.png', 'pic-3.png']);
    assert.equal(p1.total, 5);
    assert.equal(p1.pages, 3);
    const p3 = await listMedia(fresh.db, { page: 3, pageSize: 2 });
    assert.deepEqual(p3.items.map((m) => m.originalFilename), ['pic-0.png']);
    assert.deepEqual((await listMedia(fresh.db, { q: 'REUTERS' })).items.map((m) => m.id), [made[3]!.id]);
    assert.deepEqual((await listMedia(fresh.db, { q: 'pic-2' })).items.map((m) => m.id), [made[2]!.id]);
    // % and _ are literal characters, not wildcards.
    assert.deepEqual((await listMedia(fresh.db, { q: '100%' })).items.map((m) => m.id), [made[1]!.id]);
    assert.deepEqual((await listMedia(fresh.db, { q: 'pic_1' })).items, []);
    assert.deepEqual((await listMedia(fresh.db, { q: '%' })).items.map((m) => m.id), [made[1]!.id]);
    assert.equal((await listMedia(fresh.db, { q: 'nothing like it' })).total, 0);
  } finally {
    await fresh.close();
  }
});

test('deleting an image removes its row and every file', async () => {
  const m = await uploadImage(ctx, store, { buffer: await jpegWithExif(1000, 500), filename: 'gone.jpg', uploadedBy: null });
  const keys = mediaKeys(m);
  assert.equal(keys.length, 1 + 1 + m.variants.avif.length + m.variants.webp.length);
  for (const k of keys) assert.ok(await store.get(k), k);
  await deleteMedia(ctx, store, m.id);
  assert.equal(await findMedia(db.db, m.id), null);
  for (const k of keys) assert.equal(await store.get(k), null, k);
  assert.equal(existsSync(join(root, 'public', m.key)), false);
  assert.equal(existsSync(join(root, 'private', m.key)), false);
  await assert.rejects(deleteMedia(ctx, store, m.id), expectCode('BROADSIDE_E_NOT_FOUND', 404, /no image/));
});

test('file names are cleaned for display and never used as paths', () => {
  assert.equal(cleanFilename('C:\\Users\\me\\Pictures\\cat.jpg'), 'cat.jpg');
  assert.equal(cleanFilename('../../.htaccess'), 'htaccess');
  assert.equal(cleanFilename('a\u202egpj.exe'), 'agpj.exe');
  assert.equal(cleanFilename('\u0000\u0007'), 'upload');
  const long = cleanFilename(`${'é'.repeat(300)}.jpeg`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('é.jpeg'));
});

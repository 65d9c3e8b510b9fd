import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { loadConfig, ConfigError } from '../../config.js';
import { createTestApp } from '../../../test/app.js';
import { createStaffUser } from '../editorial/index.js';
import { multipartBody } from './test-images.js';

test('BROADSIDE_MAX_UPLOAD_MB: 20 by default, read as a whole number, refused clearly when wrong', () => {
  assert.equal(loadConfig({}).maxUploadMb, 20);
  assert.equal(loadConfig({ BROADSIDE_MAX_UPLOAD_MB: '50' }).maxUploadMb, 50);
  for (const bad of ['0', 'lots', '2.5', '5000']) {
    assert.throws(
      () => loadConfig({ BROADSIDE_MAX_UPLOAD_MB: bad }),
      (err: unknown) => err instanceof ConfigError && err.problems.length === 1 && /BROADSIDE_MAX_UPLOAD_MB must be/.test(err.problems[0]!),
      bad,
    );
  }
});

test('uploads beyond the 1 MiB JSON body limit are accepted up to the configured size', async () => {
  const t = await createTestApp({ maxUploadMb: 5 });
  try {
    const email = 'editor@news.test';
    const password = 'a long enough password';
    await createStaffUser(t.ctx, { email, name: 'Ed', role: 'editor', password });
    const login = await t.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password }, headers: { 'content-type': 'application/json' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    // Noise does not compress: a ~3 MB PNG.
    const noise = await sharp(randomBytes(1000 * 1000 * 3), { raw: { width: 1000, height: 1000, channels: 3 } }).png().toBuffer();
    assert.ok(noise.length > 2 * 1024 * 1024, `fixture is ${noise.length} bytes`);
    const { payload, headers } = multipartBody('file', 'noise.png', 'image/png', noise);
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/media', payload, headers: { ...headers, cookie, 'x-csrf-token': login.json().csrfToken } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().bytes, noise.length);
  } finally {
    await t.close();
  }
});

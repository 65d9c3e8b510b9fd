import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStore, isValidKey, readAll } from './store.js';

let dir: string;
let store: LocalMediaStore;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'broadside-media-store-'));
  store = new LocalMediaStore(join(dir, 'media'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('put, get and delete a file', async () => {
  await store.put('public/abc/w480.webp', Buffer.from('bytes'), 'image/webp');
  const s = await store.get('public/abc/w480.webp');
  assert.ok(s);
  assert.equal((await readAll(s)).toString(), 'bytes');
  // Replacing leaves no temporary files behind.
  await store.put('public/abc/w480.webp', Buffer.from('other'), 'image/webp');
  assert.deepEqual(readdirSync(join(dir, 'media/public/abc')), ['w480.webp']);
  await store.delete('public/abc/w480.webp');
  assert.equal(await store.get('public/abc/w480.webp'), null);
  assert.equal(existsSync(join(dir, 'media/public/abc')), false, 'the empty folder goes too');
  await store.delete('public/abc/w480.webp'); // missing is fine
});

test('missing files, folders and malformed keys are not found', async () => {
  assert.equal(await store.get('public/nothing/here.webp'), null);
  await store.put('public/k/full.png', Buffer.from('x'), 'image/png');
  assert.equal(await store.get('public/k'), null, 'a folder is not a file');
  assert.equal(await store.get('public/k/full.png/x'), null);
});

test('keys cannot leave the store, whatever they hold', async () => {
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  for (const key of ['../secret.txt', 'public/../../secret.txt', '/etc/passwd', 'public/./x', 'public//x', '.hidden', 'public/..', 'a\\..\\secret.txt', 'Public/X', 'public/x\0', '', 'public/%2e%2e/secret.txt']) {
    assert.equal(isValidKey(key), false, key);
    assert.equal(await store.get(key), null, key);
    await assert.rejects(store.put(key, Buffer.from('x'), 'text/plain'), /Invalid media key/, key);
    await assert.rejects(store.delete(key), /Invalid media key/, key);
  }
  assert.ok(existsSync(join(dir, 'secret.txt')));
});

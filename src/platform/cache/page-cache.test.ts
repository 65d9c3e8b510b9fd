import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PageCache } from './page-cache.js';

const body = (s: string) => Buffer.from(s.repeat(100));

test('invalidates exactly the pages carrying a tag', () => {
  const c = new PageCache(1 << 20);
  c.set('/a/', 200, {}, body('a'), ['article:1', 'layout'], c.currentGeneration);
  c.set('/b/', 200, {}, body('b'), ['article:2', 'layout'], c.currentGeneration);
  c.invalidate(['article:1']);
  assert.equal(c.get('/a/'), undefined);
  assert.ok(c.get('/b/'));
  c.invalidate(['layout']);
  assert.equal(c.get('/b/'), undefined);
});

test('a render that began before an invalidation is not stored', () => {
  const c = new PageCache(1 << 20);
  const gen = c.currentGeneration;
  c.invalidate(['x']);
  assert.equal(c.set('/a/', 200, {}, body('a'), [], gen), null);
  assert.equal(c.get('/a/'), undefined);
});

test('pages expire at their expiry time', async () => {
  const c = new PageCache(1 << 20);
  c.set('/a/', 200, {}, body('a'), [], c.currentGeneration, Date.now() + 30);
  assert.ok(c.get('/a/'));
  await sleep(40);
  assert.equal(c.get('/a/'), undefined);
});

test('stays within its byte budget, dropping least recently used first', () => {
  const c = new PageCache(64 * 1024);
  for (let i = 0; i < 20; i++) c.set(`/p${i}/`, 200, {}, Buffer.alloc(6000, 65), [], c.currentGeneration);
  assert.ok(c.size < 20);
  assert.ok(c.get('/p19/'));
  assert.equal(c.get('/p0/'), undefined);
});

test('adds gzip and brotli forms in the background', async () => {
  const c = new PageCache(1 << 20);
  c.set('/a/', 200, {}, body('hello world '), [], c.currentGeneration);
  for (let i = 0; i < 100 && !c.get('/a/')?.br; i++) await sleep(10);
  const page = c.get('/a/')!;
  assert.ok(page.gzip && page.br);
  assert.ok(page.br.length < page.body.length);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadConfig, ConfigError } from './config.js';

test('defaults: port 3000 on 127.0.0.1, SQLite under ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.dataDir, resolve('./data'));
  assert.equal(c.databaseUrl, null);
  assert.equal(c.baseUrl, 'http://127.0.0.1:3000');
});

test('reads every variable', () => {
  const c = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    BROADSIDE_URL: 'https://news.example.org/',
    BROADSIDE_DATA_DIR: '/tmp/x',
    DATABASE_URL: 'postgres://u:p@db:5432/news',
    BROADSIDE_TITLE: 'The Outlet',
  });
  assert.equal(c.port, 8080);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.baseUrl, 'https://news.example.org');
  assert.equal(c.dataDir, '/tmp/x');
  assert.equal(c.databaseUrl, 'postgres://u:p@db:5432/news');
  assert.equal(c.title, 'The Outlet');
});

test('every bad value is reported, one line each', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', BROADSIDE_URL: 'ftp://x', DATABASE_URL: 'mysql://x', BROADSIDE_PAGE_CACHE: 'maybe' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 4);
      assert.match(err.message, /PORT must be a whole number/);
      assert.match(err.message, /BROADSIDE_URL must be an absolute http\(s\) URL/);
      assert.match(err.message, /DATABASE_URL must start with postgres:\/\//);
      assert.match(err.message, /BROADSIDE_PAGE_CACHE must be true or false/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be between 0 and 65535/);
});

test('search threads map up to 2047 MiB of the SQLite file unless told otherwise', () => {
  assert.equal(loadConfig({}).searchMmapMb, 2047);
  assert.equal(loadConfig({ BROADSIDE_SEARCH_MMAP_MB: '0' }).searchMmapMb, 0);
  assert.throws(() => loadConfig({ BROADSIDE_SEARCH_MMAP_MB: 'lots' }), /BROADSIDE_SEARCH_MMAP_MB/);
  assert.throws(() => loadConfig({ BROADSIDE_SEARCH_MMAP_MB: '4096' }), /BROADSIDE_SEARCH_MMAP_MB/);
});

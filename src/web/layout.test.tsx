// The page shell is rendered once per site and layout data and reused: each page still gets its own head and
// body, and a change of either (a new LayoutData object, or other site settings) gives a new shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPage, type LayoutData, type Site } from './layout.js';

const site: Site = { title: 'The Dispatch', description: 'News', baseUrl: 'https://example.org', cssUrl: '/s.css', printCssUrl: '/p.css', lang: 'en' };
const data = (): LayoutData => ({ months: [{ key: '2015-05', count: 3 }], regions: [{ id: 1, slug: 'iraq', name: 'Iraq', isRegion: true }], nav: [] });

test('pages share the shell but keep their own head and body', () => {
  const d = data();
  const a = renderPage(site, d, { title: 'First', path: '/a/' }, <p>Body A</p>);
  const b = renderPage(site, d, { title: 'Second', path: '/b/', noindex: true }, <p>Body B &amp; more</p>);
  assert.match(a, /^<!doctype html>\n<html lang="en"><head><meta charset="utf-8"\/>/);
  assert.match(a, /<title>First – The Dispatch<\/title>/);
  assert.match(a, /<link rel="canonical" href="https:\/\/example.org\/a\/"\/>/);
  assert.match(a, /<main id="main" class="content" tabindex="-1"><p>Body A<\/p><\/main>/);
  assert.match(b, /<title>Second – The Dispatch<\/title>/);
  assert.match(b, /<meta name="robots" content="noindex"\/>/);
  assert.doesNotMatch(b, /Body A|First/);
  assert.match(b, /<a href="\/2015\/05\/">May 2015<\/a>/);
  assert.match(a, /<\/footer><\/body><\/html>$/);
  assert.doesNotMatch(a + b, /broadside-slot/);
});

test('new layout data or other settings give a new shell', () => {
  const d = data();
  renderPage(site, d, { title: 'x', path: '/' }, null);
  const later: LayoutData = { ...d, months: [{ key: '2015-06', count: 1 }] };
  const page = renderPage(site, later, { title: 'x', path: '/' }, null);
  assert.match(page, /June 2015/);
  assert.doesNotMatch(page, /May 2015/);
  const renamed = renderPage({ ...site, title: 'The New Dispatch' }, d, { title: 'x', path: '/x/' }, null);
  assert.match(renamed, /<a class="site-title" href="\/">The New Dispatch<\/a>/);
});

test('a title holding the slot markers is escaped like any text', () => {
  const hostile = { ...site, title: '<broadside-slot-body></broadside-slot-body>' };
  const page = renderPage(hostile, data(), { title: 'x', path: '/x/' }, <p>the body</p>);
  assert.match(page, /<main id="main" class="content" tabindex="-1"><p>the body<\/p><\/main>/);
  assert.match(page, /&lt;broadside-slot-body>/);
});

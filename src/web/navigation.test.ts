// The header navigation follows the site settings (admin → Settings → Navigation) when they hold links, and the
// published pages otherwise; and the stylesheets give the editor's pull quote a style on screen and in print.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { api, expectStatus, person, type Person } from '../modules/editorial/articles/testing.js';
import { navigationLinks } from './site.js';

/** The links in the header's main navigation, as [text, href]. */
function headerNav(html: string): [string, string][] {
  const nav = /<nav class="site-nav" aria-label="Main">([\s\S]*?)<\/nav>/.exec(html);
  assert.ok(nav, 'the page has the main navigation');
  return [...nav[1]!.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[2]!, m[1]!]);
}

describe(`header navigation from the settings (${engineName})`, () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await createTestApp();
    admin = await person(t, 'administrator');
    expectStatus(await api(t, admin, 'POST', 'pages', { title: 'About us', slug: 'about', status: 'published', position: 1 }), 201);
    expectStatus(await api(t, admin, 'POST', 'pages', { title: 'Draft page', slug: 'draft-page' }), 201);
  });
  after(() => t.close());

  const home = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    return res.body;
  };

  test('without navigation links: Latest and the published pages', async () => {
    assert.deepEqual(headerNav(await home()), [
      ['Latest', '/'],
      ['About us', '/about/'],
    ]);
  });

  test('with navigation links: exactly those, in order, on the next request; emptied: the pages again', async () => {
    assert.ok((await t.app.inject({ method: 'GET', url: '/' })).headers.etag, 'the home page is cached before the change');
    expectStatus(
      await api(t, admin, 'PUT', 'settings', {
        navigation: [
          { label: 'Support us', url: '/support/' },
          { label: 'Newsletter & events', url: 'https://news.example.org/letter?a=1&b=2' },
          { label: 'About', url: '/about/' },
        ],
      }),
      200,
    );
    const html = await home();
    assert.deepEqual(headerNav(html), [
      ['Support us', '/support/'],
      ['Newsletter &amp; events', 'https://news.example.org/letter?a=1&amp;b=2'],
      ['About', '/about/'],
    ]);
    // Every public page carries it (the layout), not only the home page.
    assert.deepEqual(headerNav((await t.app.inject({ method: 'GET', url: '/about/' })).body).map((l) => l[0]), ['Support us', 'Newsletter &amp; events', 'About']);

    expectStatus(await api(t, admin, 'PUT', 'settings', { navigation: [] }), 200);
    assert.deepEqual(headerNav(await home()), [
      ['Latest', '/'],
      ['About us', '/about/'],
    ]);
  });

  test('links in the table that the settings would refuse are left out of the page', async () => {
    await t.ctx.db
      .insertInto('settings')
      .values({ key: 'site.navigation', value: JSON.stringify([{ label: 'Evil', url: 'javascript:alert(1)' }, { label: '', url: '/x/' }, { url: '/y/' }, { label: 'Fine', url: '/fine/' }, { label: 'Away', url: '//evil.example/' }]) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
    t.ctx.invalidate(['settings', 'layout']);
    assert.deepEqual(headerNav(await home()), [['Fine', '/fine/']]);
  });
});

test('navigationLinks reads only well-formed links', () => {
  assert.deepEqual(navigationLinks(undefined), []);
  assert.deepEqual(navigationLinks('not json'), []);
  assert.deepEqual(navigationLinks('{"label":"x","url":"/x/"}'), []);
  assert.deepEqual(navigationLinks(JSON.stringify([{ label: ' Home ', url: ' / ' }, { label: 'Data', url: 'data:text/html,x' }, { label: 'Web', url: 'HTTPS://example.org/' }])), [
    { label: 'Home', url: '/' },
    { label: 'Web', url: 'HTTPS://example.org/' },
  ]);
});

test('the pull quote has a style on screen and in print', async () => {
  const t = await createTestApp();
  try {
    const html = (await t.app.inject({ method: 'GET', url: '/' })).body;
    const screen = /<link rel="stylesheet" href="([^"]+)"\/?>/.exec(html)?.[1];
    const print = /<link rel="stylesheet" href="([^"]+)" media="print"\/?>/.exec(html)?.[1];
    assert.ok(screen && print, 'both stylesheets are linked');
    for (const href of [screen, print]) {
      const css = (await t.app.inject({ method: 'GET', url: href })).body;
      const rule = /\.pull-quote\s*\{([^}]*)\}/.exec(css);
      assert.ok(rule, `${href} styles .pull-quote`);
      assert.match(rule[1]!, /font-size:/, `${href}: set large`);
      assert.match(rule[1]!, /border-top:/, `${href}: set off by a rule`);
    }
  } finally {
    await t.close();
  }
});

// Hostile input in every field: markup and script, event handlers, javascript: URLs, broken and nested markup,
// direction tricks, 1 MB bodies, NUL bytes, invalid UTF-8. Each is either shown as inert text or refused with a
// clear 4xx (the form handed back, inert too), and nothing but the accepted comments is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { engineName } from '../../../test/db.js';
import { BROWSER_HEADERS, commentApp, encodeForm, formFields, rows, section, type CommentTest } from './testing.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '</textarea><script>alert(1)</script>',
  '</title></style></noscript><script>alert(1)</script>',
  '<b><i>unclosed <a href="javascript:alert(1)">x',
  '<!-- comment --><![CDATA[ x ]]><math><mi xlink:href="javascript:alert(1)">y</mi></math>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'http://example.org/<script>alert(1)</script>',
  'https://example.org/"onmouseover="alert(1)',
  'www.example.org/x"><script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;',
  '\u202egnp.exe',
  'a\u2066b\u2069c',
  'nul\u0000byte',
  'bell\u0007char',
];

const FIELDS = ['name', 'email', 'url', 'body'] as const;

/** Nothing in this HTML runs: the only scripts are ours, no element has an event handler, every link is http(s) or ours. */
function assertInert(html: string, where: string) {
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  for (const s of scripts) assert.match(s, /^<script src="\/assets\/comments\.[0-9a-f]{10}\.js" defer(="")?>$|^<script type="application\/ld\+json">$/, `${where}: unexpected ${s}`);
  // Tags as a browser reads them: attribute values are quoted (the renderer always quotes), so a ">" inside one is text.
  for (const tag of html.matchAll(/<([a-z][a-z0-9-]*)((?:\s+[^\s=>\/"]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    for (const attr of tag[2]!.matchAll(/([^\s=>\/"]+)(?:="([^"]*)")?/g)) {
      const name = attr[1]!.toLowerCase();
      assert.ok(!name.startsWith('on'), `${where}: event handler ${name} on <${tag[1]}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) assert.doesNotMatch(attr[2] ?? '', /^\s*(javascript|data|vbscript):/i, `${where}: script URL in <${tag[1]}>`);
    }
  }
  // No tag was made by what a reader typed: every "<" a reader typed is escaped, so no stray tag names appear.
  assert.doesNotMatch(html.replace(/<\/?(html|head|body|meta|title|link|script|section|div|h1|h2|small|a|p|form|span|label|textarea|input|button|ol|li|article|footer|b|bdi|time|svg|path|br|blockquote|header|nav|main|aside|ul)\b/gi, ''), /<\/?[a-z]/i, `${where}: a tag that is not ours`);
  assert.doesNotMatch(html, /<(iframe|img|object|embed|math|style)\b/i, `${where}: injected element`);
  for (const svg of html.matchAll(/<svg\b[^>]*>/gi)) assert.match(svg[0], /class="avatar"/, `${where}: injected svg`);
  for (const h of html.matchAll(/\bhref="([^"]*)"/g)) assert.match(h[1]!, /^(https?:\/\/|\/|#)/, `${where}: link to ${h[1]}`);
}

async function articlePage(c: CommentTest) {
  return (await c.t.app.inject({ method: 'GET', url: c.path, headers: BROWSER_HEADERS })).body;
}

test(`hostile text in every field is inert when shown, or refused with a 4xx; nothing else is stored (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const f = formFields(await articlePage(c));
    let accepted = 0;
    let n = 0;
    for (const field of FIELDS) {
      for (const p of PAYLOADS) {
        n++;
        const values: Record<string, string> = { ...f, name: 'Tester', email: `tester${n}@example.net`, url: '', body: `Body ${n}.` };
        values[field] = field === 'body' || field === 'name' ? `${p} ${n}` : p;
        const res = await c.t.app.inject({ method: 'POST', url: '/comments', headers: { 'content-type': 'application/x-www-form-urlencoded', ...BROWSER_HEADERS }, payload: encodeForm(values), remoteAddress: `10.0.${Math.floor(n / 250)}.${n % 250}` });
        const label = `${field} = ${JSON.stringify(p)}`;
        if (res.statusCode === 303) {
          accepted++;
          continue;
        }
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${label}: ${res.statusCode}`);
        assert.match(res.body, /<p id="comment-error" class="comment-error" role="alert">[^<]{20,}/, `${label}: a message a person can act on`);
        assertInert(section(res.body), `refusal of ${label}`);
        // What was typed comes back as text, except the address (sealed unless it was itself the problem).
        if (field === 'body' && !/\u0000|\u0007|[\u202a-\u202e\u2066-\u2069]/.test(p)) assert.ok(formFields(res.body).body!.includes(p.trim()), `${label}: text kept`);
      }
    }
    const stored = await rows(c);
    assert.equal(stored.length, accepted);
    // Refused for certain: control characters, direction tricks, script URLs as a website, non-addresses as email.
    for (const r of stored) {
      for (const col of ['author_name', 'author_email', 'author_url', 'body'] as const) {
        assert.doesNotMatch(r[col], /[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/, `stored control character in ${col}`);
      }
      assert.ok(r.author_url === '' || /^https?:\/\//.test(r.author_url), r.author_url);
    }
    assert.ok(accepted >= 30, `plenty were accepted as plain text (${accepted})`);
    const page = await articlePage(c);
    const s = section(page);
    assertInert(s, 'article page');
    assert.match(s, /&lt;script>alert\(1\)&lt;\/script> \d+|&lt;script&gt;alert\(1\)&lt;\/script&gt; \d+/, 'markup shows as the text it is');
    assert.match(s, /<a href="http:\/\/example\.org\/" rel="nofollow ugc noopener">http:\/\/example\.org\/<\/a>&lt;script/, 'a link stops where markup starts');
    // In the feed, the HTML a reader's client renders holds only our paragraphs, line breaks and http(s) links.
    const feed = new XMLParser({ processEntities: true }).parse((await c.t.app.inject({ method: 'GET', url: `${c.path}feed/` })).body);
    const items = [].concat(feed.rss.channel.item) as Record<string, string>[];
    assert.equal(items.length, Math.min(30, accepted));
    for (const item of items) {
      for (const key of ['title', 'description', 'content:encoded']) {
        const html = String(item[key]).replace(/<p dir="auto">|<\/p>|<br\/?>|<a href="https?:\/\/[^"<>]*" rel="nofollow ugc noopener">|<\/a>/g, '');
        assert.doesNotMatch(html, /<[a-z!/?]/i, `feed ${key}: ${item[key]}`);
      }
    }
  } finally {
    await c.t.close();
  }
});

test(`a 1 MB comment, NUL bytes and invalid UTF-8 are refused with a 4xx and nothing stored (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const f = formFields(await articlePage(c));
    const post = (payload: string | Buffer) => c.t.app.inject({ method: 'POST', url: '/comments', headers: { 'content-type': 'application/x-www-form-urlencoded', ...BROWSER_HEADERS }, payload });

    const huge = 'x'.repeat(1024 * 1024);
    const big = await post(encodeForm({ ...f, name: 'Big', email: 'big@example.net', body: huge }));
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /Your comment is 1,048,576 characters long; the most we take is 10,000\. Shorten it and send again\./);
    assert.ok(big.body.includes(huge), 'what was typed is handed back to shorten');

    const nul = await post(encodeForm({ ...f, name: 'Nul', email: 'nul@example.net', body: 'before\u0000after' }));
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /control characters \(such as a NUL byte\)/);

    // Raw bytes that are not UTF-8, and percent-encoded ones.
    const { body: _unused, ...noBody } = f;
    void _unused;
    const raw = Buffer.concat([Buffer.from(`${encodeForm({ ...noBody, name: 'Bytes', email: 'bytes@example.net' })}&body=caf`), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('+ok')]);
    const bad = await post(raw);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not valid UTF-8/);
    const pct = await post(`${encodeForm({ ...noBody, name: 'Pct', email: 'pct@example.net' })}&body=caf%E9%FF+ok`);
    assert.ok(pct.statusCode === 400 || pct.statusCode === 303, String(pct.statusCode));
    if (pct.statusCode === 303) assert.match((await rows(c))[0]!.body, /^caf(%E9%FF|\ufffd)/);

    // Far past any comment: refused before it is read, with a page that says what to do.
    const beyond = await post(encodeForm({ ...f, name: 'Huge', email: 'huge@example.net', body: 'y'.repeat(5 * 1024 * 1024) }));
    assert.equal(beyond.statusCode, 413);
    assert.match(beyond.body, /far too large to receive/);
    // Not a form at all.
    const json = await c.t.app.inject({ method: 'POST', url: '/comments', headers: { 'content-type': 'application/json' }, payload: '{"body":"x"}' });
    assert.ok(json.statusCode === 415 || json.statusCode === 400 || json.statusCode === 403, String(json.statusCode));
    assert.ok((await rows(c)).length <= (pct.statusCode === 303 ? 1 : 0));
  } finally {
    await c.t.close();
  }
});

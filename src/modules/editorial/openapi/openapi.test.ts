// The OpenAPI document: valid 3.1 shape, every $ref resolves, and every route the app serves under /api/admin
// and /api/content is described (so a new route without a description fails here).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { engineName } from '../../../../test/db.js';

/** Method and path (OpenAPI form) of every route in Fastify's route tree under `prefix`. */
function servedRoutes(tree: string, prefix: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1]!.length / 4);
    const seg = m[2]!;
    const parent = stack[depth - 1] ?? '';
    const path = depth === 0 ? seg : seg.startsWith('/') ? parent + seg : `${parent.replace(/\/$/, '')}/${seg}`;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!path.startsWith(prefix)) continue;
    for (const method of m[3]!.split(', ')) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      out.push(`${method} ${path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

describe(`OpenAPI document (${engineName})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.app.ready();
  });
  after(() => t.close());

  test('served without signing in, as OpenAPI 3.1 JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.title, 'Test Outlet admin and Content API');
    assert.equal(doc.servers[0].url, 'http://news.test');
    assert.ok(doc.components.securitySchemes.staffSession);
    assert.ok(doc.components.securitySchemes.bearerKey);
  });

  test('every /api/admin and /api/content route is described, and nothing else', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const tree = t.app.printRoutes({ commonPrefix: false });
    const served = [...servedRoutes(tree, '/api/admin'), ...servedRoutes(tree, '/api/content')].sort();
    assert.ok(served.length > 40, `found the routes (${served.length})`);
    assert.deepEqual(served.filter((r) => !described.includes(r)), [], 'served but not described');
    assert.deepEqual(described.filter((r) => !served.includes(r)), [], 'described but not served');
  });

  test('operations are complete: ids unique, every $ref resolves, request bodies from the route schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; responses: object; security: unknown[]; parameters?: { name: string; in: string }[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
        assert.ok(Object.keys(op.responses).length > 0, `${method} ${path} has responses`);
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1])) {
          assert.ok(op.parameters?.some((p) => p.in === 'path' && p.name === name), `${method} ${path} documents {${name}}`);
        }
        if (path.startsWith('/api/content/')) assert.deepEqual(op.security, [{ bearerKey: [] }, { queryKey: [] }]);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 20);
    for (const ref of refs) {
      let node: unknown = doc;
      for (const part of ref.split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
      assert.ok(node, `$ref #/${ref} resolves`);
    }
    const put = doc.paths['/api/admin/articles/{id}'].put;
    const schema = put.requestBody.content['application/json'].schema;
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['revision']);
    assert.ok(put.responses['409']);
    assert.deepEqual(put.security, [{ staffSession: [], csrfToken: [] }]);
    assert.equal(doc.paths['/api/admin/articles/{id}/preview'].get.responses['200'].content['text/html'].schema.type, 'string');
    assert.ok(doc.paths['/api/admin/media'].post.requestBody.content['multipart/form-data']);
    assert.ok(doc.paths['/api/admin/session'].post.requestBody);
  });
});

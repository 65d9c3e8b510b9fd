// JSON Schemas of the admin API: request schemas are enforced by validate.ts, and all of them (responses too)
// describe the routes in the OpenAPI document.
import type { Schema } from './validate.js';

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (maxLength: number, extra: Partial<Schema> = {}): Schema => ({ type: 'string', maxLength, ...extra });
const id: Schema = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const time: Schema = { type: 'string', format: 'date-time' };
const timeOrNull: Schema = { type: ['string', 'null'], format: 'date-time' };
const status: Schema = { type: 'string', enum: ['draft', 'scheduled', 'published'] };
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });

export const idParams = obj({ id }, ['id']);
export const revisionParams = obj({ id, rid: id }, ['id', 'rid']);

/** The fields an editor writes. */
const articleFieldProps: Record<string, Schema> = {
  headline: str(300, { description: 'One line; required to be non-empty when saved.' }),
  kicker: str(80),
  standfirst: str(1000),
  bodyHtml: str(1_000_000, { description: 'HTML; sanitised on the way in (one allowlist for the whole site).' }),
  slug: str(200, { description: 'Lowercase letters, digits and single hyphens; empty: made from the headline.' }),
  status,
  publishedAt: { ...timeOrNull, description: 'Required for scheduled; a time to come with status published schedules the article.' },
  authorIds: { type: 'array', items: id, minItems: 1, maxItems: 20, description: 'Bylines, in order. Defaults to your own.' },
  primaryTagId: { type: ['integer', 'null'], minimum: 1 },
  tagIds: { type: 'array', items: id, maxItems: 50 },
  sticky: { type: 'boolean', description: 'First on the home page\'s first page, newest sticky first. Changing it needs the right to publish the article.' },
};

export const articleCreateBody = obj(articleFieldProps, ['headline']);
export const articleUpdateBody = obj(
  { ...articleFieldProps, revision: { ...id, description: 'The revision you loaded. If someone saved since, the save is refused (409) and kept as a conflict revision.' } },
  ['revision'],
);
export const autosaveBody = obj(
  {
    fields: obj(Object.fromEntries(Object.entries(articleFieldProps).map(([k, v]) => [k, k === 'authorIds' ? { ...v, minItems: 0 } : v]))),
  },
  ['fields'],
);
export const publishBody = obj({ publishedAt: { ...timeOrNull, description: 'When to publish; a time to come schedules it. Default: now (an article already out keeps its time).' } });
export const bulkBody = obj(
  {
    ids: { type: 'array', items: id, minItems: 1, maxItems: 100 },
    action: { type: 'string', enum: ['publish', 'unpublish', 'trash', 'restore', 'delete'] },
  },
  ['ids', 'action'],
);

export const articleListQuery: Schema = {
  type: 'object',
  properties: {
    q: str(200, { description: 'Words in the headline, kicker or standfirst (any case).' }),
    status: { type: 'string', enum: ['draft', 'scheduled', 'published', 'trash'], description: 'Without it: everything but the trash.' },
    author: { ...id, description: 'An author id.' },
    tag: { ...id, description: 'A tag id.' },
    sort: { type: 'string', enum: ['updated', 'published', 'headline'] },
    dir: { type: 'string', enum: ['asc', 'desc'] },
    page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  },
};
export const diffQuery: Schema = {
  type: 'object',
  properties: { against: { type: 'string', pattern: '^(current|[1-9][0-9]{0,15})$', description: '"current" (default) or another revision id of the same article.' } },
};

export const tagCreateBody = obj({ name: str(120, { minLength: 1 }), slug: str(200), description: str(2000), isRegion: { type: 'boolean' } }, ['name']);
export const tagUpdateBody = obj({ name: str(120, { minLength: 1 }), slug: str(200, { minLength: 1 }), description: str(2000), isRegion: { type: 'boolean' } });
export const authorCreateBody = obj({ name: str(120, { minLength: 1 }), slug: str(200), bio: str(5000) }, ['name']);
export const authorUpdateBody = obj({ name: str(120, { minLength: 1 }), slug: str(200, { minLength: 1 }), bio: str(5000) });
const pageProps: Record<string, Schema> = {
  title: str(200, { minLength: 1 }),
  slug: str(200),
  bodyHtml: str(1_000_000),
  status: { type: 'string', enum: ['draft', 'published'] },
  position: { type: 'integer', minimum: 0, maximum: 10_000 },
};
export const pageCreateBody = obj(pageProps, ['title']);
export const pageUpdateBody = obj({ ...pageProps, slug: str(200, { minLength: 1 }) });
export const settingsBody = obj({
  title: str(200, { minLength: 1 }),
  description: str(500),
  logoMediaId: { type: ['integer', 'null'], minimum: 1 },
  navigation: { type: 'array', maxItems: 20, items: obj({ label: str(60, { minLength: 1 }), url: str(2000, { minLength: 1 }) }, ['label', 'url']) },
  appeal: obj({ title: str(200), text: str(2000) }, ['title', 'text']),
});
export const apiKeyBody = obj({ name: str(100, { minLength: 1 }) }, ['name']);

// ---- Responses (documentation only) -------------------------------------------------------------------------
const named: Schema = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id', 'name'] };
const articleFields: Schema = {
  type: 'object',
  properties: {
    headline: { type: 'string' },
    kicker: { type: 'string' },
    standfirst: { type: 'string' },
    bodyHtml: { type: 'string' },
    slug: { type: 'string' },
    status,
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    authorIds: { type: 'array', items: { type: 'integer' } },
    primaryTagId: { type: ['integer', 'null'] },
    tagIds: { type: 'array', items: { type: 'integer' } },
    sticky: { type: 'boolean' },
  },
};
const diffPart: Schema = { type: 'object', properties: { value: { type: 'string' }, added: { type: 'boolean' }, removed: { type: 'boolean' } }, required: ['value'] };

export const components: Record<string, Schema> = {
  Error: {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', examples: ['BROADSIDE_E_BAD_INPUT'] },
          message: { type: 'string' },
          field: { type: 'string' },
          images: { type: 'array', items: { type: 'string' }, description: 'Alt-text refusals: the sources of the images without alt text.' },
        },
        required: ['code', 'message'],
      },
    },
    required: ['error'],
  },
  ArticleFields: articleFields,
  Article: {
    type: 'object',
    description: 'An article as the editor sees it.',
    properties: {
      id: { type: 'integer' },
      ...articleFields.properties,
      revision: { type: 'integer', description: 'Send it back with PUT.' },
      createdAt: time,
      updatedAt: time,
      wordCount: { type: 'integer' },
      readingMinutes: { type: 'integer', description: 'Words / 230, rounded, at least 1.' },
      trashedAt: timeOrNull,
      path: { type: ['string', 'null'], description: 'Public path (once published); null for drafts.' },
      autosave: {
        oneOf: [
          { type: 'null' },
          { type: 'object', properties: { fields: ref('ArticleFields'), createdAt: time, revision: { type: 'integer' } }, required: ['fields', 'createdAt'] },
        ],
        description: 'Your own autosave, when it is newer than the article.',
      },
    },
    required: ['id', 'headline', 'status', 'revision', 'updatedAt', 'wordCount', 'readingMinutes', 'path', 'autosave'],
  },
  ArticleSummary: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      headline: { type: 'string' },
      kicker: { type: 'string' },
      status,
      slug: { type: 'string' },
      path: { type: ['string', 'null'] },
      authors: { type: 'array', items: named },
      tags: { type: 'array', items: named },
      publishedAt: timeOrNull,
      updatedAt: time,
      revision: { type: 'integer' },
      trashedAt: timeOrNull,
      sticky: { type: 'boolean', description: "First on the home page's first page." },
    },
  },
  ArticleList: {
    type: 'object',
    properties: { items: { type: 'array', items: ref('ArticleSummary') }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' } },
  },
  Conflict: {
    type: 'object',
    description: 'A refused save: your version is kept as a revision of kind "conflict"; `current` is the article as it now is.',
    properties: { error: { $ref: '#/components/schemas/Error/properties/error' }, current: ref('Article') },
  },
  RevisionSummary: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      kind: { type: 'string', enum: ['save', 'autosave', 'conflict', 'restore'] },
      revision: { type: 'integer', description: 'save/restore: the article revision it made; conflict/autosave: the revision the writer had loaded.' },
      author: { oneOf: [{ type: 'null' }, named] },
      createdAt: time,
    },
  },
  Revision: { allOf: [ref('RevisionSummary'), { type: 'object', properties: { fields: ref('ArticleFields') } }] },
  RevisionDiff: {
    type: 'object',
    description: 'Per field, the parts of the text: `removed` only in the revision, `added` only in `against`, neither in both.',
    properties: {
      from: { type: 'object', properties: { revisionId: { type: 'integer' } } },
      to: { type: 'object', properties: { revisionId: { type: ['integer', 'null'] }, current: { type: 'boolean' } } },
      fields: { type: 'object', additionalProperties: { type: 'array', items: diffPart } },
    },
  },
  BulkResults: {
    type: 'object',
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'integer' }, ok: { type: 'boolean' }, status: { type: ['string', 'null'] }, trashedAt: timeOrNull, error: { $ref: '#/components/schemas/Error/properties/error' } },
        },
      },
    },
  },
  Tag: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      slug: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      isRegion: { type: 'boolean' },
      articleCount: { type: 'integer' },
      path: { type: 'string' },
      createdAt: time,
    },
  },
  Author: {
    type: 'object',
    properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, bio: { type: 'string' }, articleCount: { type: 'integer' }, path: { type: 'string' }, createdAt: time },
  },
  Page: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      slug: { type: 'string' },
      title: { type: 'string' },
      bodyHtml: { type: 'string' },
      status: { type: 'string', enum: ['draft', 'published'] },
      position: { type: 'integer' },
      path: { type: 'string' },
      updatedAt: time,
      createdAt: time,
    },
  },
  Settings: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      logoMediaId: { type: ['integer', 'null'] },
      navigation: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' }, url: { type: 'string' } } } },
      appeal: { type: 'object', properties: { title: { type: 'string' }, text: { type: 'string' } } },
    },
  },
  ApiKey: {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, prefix: { type: 'string', description: 'The first characters, to tell keys apart.' }, createdAt: time, lastUsedAt: timeOrNull, revokedAt: timeOrNull },
  },
  NewApiKey: {
    allOf: [ref('ApiKey'), { type: 'object', properties: { key: { type: 'string', description: 'The key itself: shown this once, never again.' } } }],
  },
};

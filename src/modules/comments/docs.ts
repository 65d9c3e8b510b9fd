// OpenAPI descriptions of the comments admin API, in the shape of the editorial module's ApiDocs operations
// (editorial/openapi/registry.ts): `for (const op of commentsApiDocs()) docs.add(op)` lists them in
// /api/admin/openapi.json.
type Schema = Record<string, unknown>;

const STATUS: Schema = { type: 'string', enum: ['pending', 'approved', 'spam', 'trash'] };
const idParams: Schema = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] };
const error = { description: 'Error', schema: { $ref: '#/components/schemas/Error' } };

const Comment: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    articleId: { type: 'integer' },
    articleHeadline: { type: 'string' },
    articlePath: { type: 'string' },
    parentId: { type: ['integer', 'null'] },
    status: STATUS,
    authorName: { type: 'string' },
    authorEmail: { type: 'string', description: 'Shown to moderators only; never on the public site.' },
    authorUrl: { type: 'string' },
    body: { type: 'string', description: 'Plain text.' },
    ip: { type: 'string' },
    userAgent: { type: 'string' },
    heldFor: { type: 'array', items: { type: 'string' } },
    notify: { type: 'string', enum: ['none', 'pending', 'confirmed'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const Settings: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    holdAll: { type: 'boolean' },
    holdFirstTime: { type: 'boolean' },
    maxLinks: { type: 'integer', minimum: 0, maximum: 1000 },
    moderationWords: { type: 'array', items: { type: 'string', maxLength: 200 } },
    blockedWords: { type: 'array', items: { type: 'string', maxLength: 200 } },
    maxDepth: { type: 'integer', minimum: 1, maximum: 10 },
    perPage: { type: 'integer', minimum: 0, maximum: 1000 },
    order: { type: 'string', enum: ['oldest', 'newest'] },
    autoCloseDays: { type: 'integer', minimum: 0, maximum: 36500 },
    avatars: { type: 'boolean' },
    minSeconds: { type: 'integer', minimum: 0, maximum: 600 },
    powBits: { type: 'integer', minimum: 0, maximum: 24 },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: { burst: { type: 'integer', minimum: 1 }, burstSeconds: { type: 'integer', minimum: 1, maximum: 3600 }, hourly: { type: 'integer', minimum: 1 } },
    },
  },
};

export function commentsApiDocs() {
  const tag = 'Comments';
  const auth = 'staff' as const;
  return [
    {
      tag,
      auth,
      method: 'GET' as const,
      path: '/api/admin/comments',
      summary: 'List comments for moderation',
      description: 'Newest first, 50 a page, with the number of comments in each status. Editor and above.',
      query: { type: 'object', properties: { status: STATUS, article: { type: 'integer', minimum: 1 }, page: { type: 'integer', minimum: 1 } } },
      responses: {
        200: {
          description: 'A page of comments.',
          schema: { type: 'object', properties: { items: { type: 'array', items: Comment }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' }, counts: { type: 'object' } } },
        },
      },
    },
    {
      tag,
      auth,
      method: 'POST' as const,
      path: '/api/admin/comments/bulk',
      summary: 'Approve, hold, mark as spam, trash or delete comments',
      description: 'Published comments notify the article’s authors and subscribed commenters; pages update at once.',
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { ids: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 500 }, action: { type: 'string', enum: ['approve', 'pending', 'spam', 'trash', 'delete'] } },
        required: ['ids', 'action'],
      },
      responses: { 200: { description: 'The ids acted on and those not found.', schema: { type: 'object', properties: { done: { type: 'array', items: { type: 'integer' } }, missing: { type: 'array', items: { type: 'integer' } } } } } },
    },
    {
      tag,
      auth,
      method: 'PATCH' as const,
      path: '/api/admin/comments/:id',
      summary: 'Edit a comment or change its status',
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { status: STATUS, authorName: { type: 'string' }, authorUrl: { type: 'string' }, body: { type: 'string' } } },
      responses: { 200: { description: 'The comment.', schema: Comment } },
    },
    {
      tag,
      auth,
      method: 'POST' as const,
      path: '/api/admin/articles/:id/comments-open',
      summary: 'Open or close an article’s comments',
      description: 'true or false by hand; null returns the article to the automatic rule (closed after autoCloseDays).',
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: { open: { type: ['boolean', 'null'] } }, required: ['open'] },
      responses: { 200: { description: 'The state now.', schema: { type: 'object', properties: { articleId: { type: 'integer' }, open: { type: 'boolean' }, mode: { type: 'string', enum: ['auto', 'open', 'closed'] }, closesAt: { type: ['integer', 'null'] } } } } },
    },
    { tag, auth, method: 'GET' as const, path: '/api/admin/comments/settings', summary: 'Read the comment settings', responses: { 200: { description: 'The settings, defaults filled in.', schema: Settings } } },
    {
      tag,
      auth,
      method: 'PUT' as const,
      path: '/api/admin/comments/settings',
      summary: 'Change comment settings',
      description: 'Fields left out keep their values.',
      body: Settings,
      responses: { 200: { description: 'The settings now.', schema: Settings }, 400: error },
    },
  ];
}

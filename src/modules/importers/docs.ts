// OpenAPI descriptions of the import admin API, in the shape of the editorial module's operation docs
// (editorial/openapi/registry.ts), listed in /api/admin/openapi.json.
type Schema = Record<string, unknown>;

const Tally: Schema = { type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, skipped: { type: 'integer' } } };

const Run: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['wordpress'] },
    fileName: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    options: { type: 'object', properties: { dryRun: { type: 'boolean' }, splitKicker: { type: ['boolean', 'string'] }, regions: { type: 'array', items: { type: 'string' } } } },
    progress: {
      type: 'object',
      description: 'Bytes read of the file, items so far, posts and pages a second, seconds left (null until known), phase (reading, finishing, done).',
      properties: {
        bytes: { type: 'integer' },
        totalBytes: { type: 'integer' },
        posts: { type: 'integer' },
        pages: { type: 'integer' },
        comments: { type: 'integer' },
        rate: { type: 'integer' },
        etaSeconds: { type: ['integer', 'null'] },
        phase: { type: 'string' },
      },
    },
    report: {
      type: ['object', 'null'],
      description: 'Once the run is over: counts of each kind (new, updated, unchanged, skipped), attachments, redirects, shortcodes kept as text, warnings with their lines (the first 200), the error with its line and column.',
      properties: { completed: { type: 'boolean' }, dryRun: { type: 'boolean' }, articles: Tally, pages: Tally, comments: Tally, authors: Tally, tags: Tally, redirects: { type: 'integer' } },
    },
    error: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export function importersApiDocs() {
  const tag = 'Import';
  const auth = 'staff' as const;
  return [
    {
      tag,
      auth,
      method: 'POST' as const,
      path: '/api/admin/imports',
      summary: 'Upload a WordPress export to import',
      description:
        'Administrators and the owner. multipart/form-data: text fields first (dryRun, splitKicker "true" with an optional kickerPattern, regions as a comma list), then the file field "file" (WXR 1.0–1.2). A job imports it; poll the run.',
      body: {
        type: 'object',
        properties: { file: { type: 'string', contentMediaType: 'application/xml' }, dryRun: { type: 'string' }, splitKicker: { type: 'string' }, kickerPattern: { type: 'string' }, regions: { type: 'string' } },
        required: ['file'],
      },
      bodyContentType: 'multipart/form-data',
      responses: { 202: { description: 'Queued.', schema: { type: 'object', properties: { run: Run } } }, 413: { description: 'Too large.' } },
    },
    {
      tag,
      auth,
      method: 'GET' as const,
      path: '/api/admin/imports',
      summary: 'Recent imports',
      description: 'The 20 newest runs, from the admin or the command line.',
      responses: { 200: { description: 'The runs.', schema: { type: 'object', properties: { runs: { type: 'array', items: Run } } } } },
    },
    {
      tag,
      auth,
      method: 'GET' as const,
      path: '/api/admin/imports/:id',
      summary: 'One import: its progress and report',
      params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
      responses: { 200: { description: 'The run.', schema: { type: 'object', properties: { run: Run } } } },
    },
  ];
}

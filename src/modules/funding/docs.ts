// OpenAPI descriptions of the funding admin API, in the shape of the editorial module's ApiDocs operations
// (editorial/openapi/registry.ts); listed in /api/admin/openapi.json by editorial/openapi/other-routes.ts.
type Schema = Record<string, unknown>;

const error = { description: 'Error', schema: { $ref: '#/components/schemas/Error' } };
const tag = 'Funding';
const auth = 'staff' as const;

const FILTERS: Schema = {
  type: 'object',
  properties: {
    provider: { type: 'string', enum: ['paypal', 'stripe'] },
    status: { type: 'string', enum: ['completed', 'refunded', 'partially_refunded', 'reversed'] },
    entry: { type: 'string', enum: ['payment', 'refund', 'reversal'] },
    kind: { type: 'string', enum: ['one_off', 'recurring'] },
    campaign: { type: 'string' },
    currency: { type: 'string', pattern: '^[A-Za-z]{3}$' },
    from: { type: 'string', description: 'YYYY-MM or YYYY-MM-DD (UTC), inclusive.' },
    to: { type: 'string', description: 'YYYY-MM or YYYY-MM-DD (UTC), inclusive.' },
    q: { type: 'string', description: 'Part of a donor name, address or provider id.' },
  },
};

const Entry: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    entry: { type: 'string', enum: ['payment', 'refund', 'reversal'] },
    provider: { type: 'string' },
    providerId: { type: 'string' },
    paymentId: { type: 'string' },
    kind: { type: 'string', enum: ['one_off', 'recurring'] },
    amountMinor: { type: 'integer', description: 'Minor units of currency (JPY has none).' },
    refundedMinor: { type: 'integer' },
    netMinor: { type: 'integer' },
    currency: { type: 'string' },
    status: { type: 'string' },
    donorName: { type: 'string', description: 'Private: administrators only.' },
    donorEmail: { type: 'string', description: 'Private: administrators only.' },
    publicName: { type: 'string' },
    campaign: { type: 'string' },
    articleId: { type: ['integer', 'null'] },
    occurredAt: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const Totals: Schema = {
  type: 'array',
  items: { type: 'object', properties: { campaign: { type: 'string' }, currency: { type: 'string' }, payments: { type: 'integer' }, grossMinor: { type: 'integer' }, refundedMinor: { type: 'integer' }, netMinor: { type: 'integer' } } },
};

const Secret: Schema = { type: 'object', properties: { set: { type: 'boolean' }, hint: { type: 'string', description: 'The last four characters.' }, fromEnv: { type: 'boolean' } } };

const SettingsIn: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    campaign: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' }, goal: { type: 'string', description: 'In the main unit, e.g. "25000".' }, goalMinor: { type: 'integer' }, currency: { type: 'string' }, endsAt: { type: ['string', 'null'] } } },
    currencies: { type: 'array', items: { type: 'string' } },
    presets: { type: 'array', items: { type: 'integer' } },
    appeal: { type: 'object' },
    paypal: { type: 'object', properties: { mode: { type: 'string', enum: ['off', 'button', 'api'] }, clientId: { type: 'string' }, secret: { type: 'string', description: 'Write only; left out keeps it, "" clears it.' }, webhookId: { type: 'string' }, apiUrl: { type: 'string' }, buttonId: { type: 'string' }, business: { type: 'string' } } },
    stripe: { type: 'object', properties: { enabled: { type: 'boolean' }, monthly: { type: 'boolean' }, secretKey: { type: 'string' }, webhookSecret: { type: 'string' }, apiUrl: { type: 'string' } } },
    patreon: { type: 'object', properties: { pageUrl: { type: 'string' }, webhookSecret: { type: 'string' } } },
  },
};

const SettingsOut: Schema = {
  type: 'object',
  properties: {
    campaign: { type: 'object' },
    currencies: { type: 'array', items: { type: 'string' } },
    presets: { type: 'array', items: { type: 'integer' } },
    appeal: { type: 'object' },
    paypal: { type: 'object', properties: { mode: { type: 'string' }, secret: Secret } },
    stripe: { type: 'object', properties: { secretKey: Secret, webhookSecret: Secret } },
    patreon: { type: 'object', properties: { pageUrl: { type: 'string' }, webhookSecret: Secret } },
  },
};

const Appeal: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { title: { type: 'string', maxLength: 200 }, text: { type: 'string', maxLength: 2000 }, donateLabel: { type: 'string', maxLength: 40 }, articleTitle: { type: 'string', maxLength: 200 }, articleText: { type: 'string', maxLength: 2000 }, showPatrons: { type: 'boolean' } },
};

export function fundingApiDocs() {
  const admin = 'Needs the administrator role.';
  return [
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/ledger', summary: 'List ledger entries, newest first, with totals', description: admin, query: { ...FILTERS, properties: { ...(FILTERS.properties as object), page: { type: 'integer', minimum: 1 } } }, responses: { 200: { description: '50 entries a page.', schema: { type: 'object', properties: { items: { type: 'array', items: Entry }, total: { type: 'integer' }, page: { type: 'integer' }, pages: { type: 'integer' }, totals: Totals } } }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/export.csv', summary: 'Export the matching ledger entries as CSV', description: `${admin} Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.`, query: FILTERS, responses: { 200: { description: 'CSV, one row per entry.', contentType: 'text/csv' }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/totals', summary: 'Totals per campaign and currency', description: admin, query: FILTERS, responses: { 200: { description: 'Gross, refunded and net in minor units.', schema: { type: 'object', properties: { totals: Totals } } }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/monthly', summary: 'Net money received per month and currency', description: admin, query: FILTERS, responses: { 200: { description: 'Months in order (UTC).', schema: { type: 'object', properties: { months: { type: 'array', items: { type: 'object', properties: { month: { type: 'string' }, currency: { type: 'string' }, netMinor: { type: 'integer' }, payments: { type: 'integer' } } } } } } }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/events', summary: 'Webhook deliveries and what was done with them', description: admin, query: { type: 'object', properties: { page: { type: 'integer', minimum: 1 } } }, responses: { 200: { description: 'Newest first.', schema: { type: 'object' } } } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/patrons', summary: 'Patreon members from the pledge webhooks', description: admin, responses: { 200: { description: 'The members and the active count.', schema: { type: 'object' } } } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/settings', summary: 'Read the campaign, form and provider settings', description: `${admin} Secrets come back only as {set, hint, fromEnv}.`, responses: { 200: { description: 'The settings.', schema: SettingsOut } } },
    { tag, auth, method: 'PUT' as const, path: '/api/admin/funding/settings', summary: 'Change the campaign, form and provider settings', description: `${admin} Fields left out keep their values.`, body: SettingsIn, responses: { 200: { description: 'The settings now.', schema: SettingsOut }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/appeal', summary: 'Read the appeal’s texts', description: 'Editors and above.', responses: { 200: { description: 'The appeal.', schema: Appeal } } },
    { tag, auth, method: 'PUT' as const, path: '/api/admin/funding/appeal', summary: 'Change the appeal’s texts', description: 'Editors and above. Every article shows the change on its next view.', body: Appeal, responses: { 200: { description: 'The appeal now.', schema: Appeal }, 400: error } },
    { tag, auth, method: 'GET' as const, path: '/api/admin/funding/articles', summary: 'Articles showing the “Liked this article?” appeal', description: 'Editors and above.', responses: { 200: { description: 'The articles.', schema: { type: 'object' } } } },
    {
      tag,
      auth,
      method: 'PUT' as const,
      path: '/api/admin/funding/articles/:id/appeal',
      summary: 'Switch the per-article appeal on or off',
      description: 'Editors and above.',
      params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
      body: { type: 'object', additionalProperties: false, properties: { variant: { type: 'boolean' } }, required: ['variant'] },
      responses: { 200: { description: 'The state now.', schema: { type: 'object', properties: { articleId: { type: 'integer' }, variant: { type: 'boolean' } } } }, 400: error },
    },
  ];
}

// The OpenAPI descriptions of the /api/admin routes other parts of Broadside register: staff sign-in and accounts
// (editorial/auth/routes.ts) and the media library (media/admin-routes.ts). Written from their code; the test
// beside this file fails when a route under /api/admin has no description here or in the article admin.
import type { Schema } from '../articles/validate.js';
import type { ApiDocs, OperationDoc } from './registry.js';
import { commentsApiDocs } from '../../comments/index.js';
import { fundingApiDocs } from '../../funding/index.js';
import { importersApiDocs } from '../../importers/index.js';

const str = (minLength: number, maxLength: number): Schema => ({ type: 'string', minLength, maxLength });
const EMAIL = str(3, 254);
const NAME = str(1, 120);
const PASSWORD = str(1, 4096);
const TOKEN = str(1, 200);
const ROLE: Schema = { type: 'string', enum: ['contributor', 'author', 'editor', 'administrator', 'owner'] };
const body = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });
const idParams: Schema = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: Schema) => ({ description, schema });

const components: Record<string, Schema> = {
  Session: {
    type: 'object',
    description: 'The signed-in staff member and the CSRF token to send in x-csrf-token on writes. Sign-in also sets the HttpOnly session cookie.',
    properties: {
      staff: {
        type: 'object',
        properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' }, role: ROLE, authorId: { type: 'integer' }, totpEnabled: { type: 'boolean' } },
      },
      csrfToken: { type: 'string' },
      mailToFiles: { type: 'boolean', description: 'True when no SMTP server is configured: mail (invitations, reset links) is written to files in the data folder instead of sent.' },
    },
  },
  StaffUser: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: ROLE,
      authorId: { type: 'integer' },
      totpEnabled: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
      disabledAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  Invitation: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: ROLE,
      invitedBy: { type: ['integer', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  MediaVariant: { type: 'object', properties: { file: { type: 'string' }, type: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' }, bytes: { type: 'integer' }, url: { type: 'string' } } },
  Media: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      key: { type: 'string' },
      url: { type: 'string' },
      originalFilename: { type: 'string' },
      mime: { type: 'string' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      bytes: { type: 'integer' },
      alt: { type: 'string' },
      caption: { type: 'string' },
      credit: { type: 'string' },
      uploadedBy: { type: ['integer', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      variants: {
        type: 'object',
        properties: { full: ref('MediaVariant'), avif: { type: 'array', items: ref('MediaVariant') }, webp: { type: 'array', items: ref('MediaVariant') } },
      },
      html: { type: 'string', description: 'The <figure> to put in an article body.' },
    },
  },
};

const ops: OperationDoc[] = [
  // First run and sessions
  { tag: 'Staff sign-in', method: 'GET', path: '/api/admin/setup', auth: 'none', summary: 'Does the site still need its owner?', responses: { 200: json('Whether first-run setup is open.', { type: 'object', properties: { needsOwner: { type: 'boolean' } } }) } },
  {
    tag: 'Staff sign-in',
    method: 'POST',
    path: '/api/admin/setup',
    auth: 'none',
    summary: 'Create the first account (the owner)',
    description: 'Only while no account exists. JSON only, same origin.',
    body: body({ email: EMAIL, name: NAME, password: PASSWORD }, ['email', 'name', 'password']),
    responses: { 201: json('Signed in as the owner.', ref('Session')), 409: { description: 'The site already has an owner.' } },
  },
  { tag: 'Staff sign-in', method: 'GET', path: '/api/admin/session', auth: 'staff', summary: 'Who is signed in', responses: { 200: json('The session.', ref('Session')) } },
  {
    tag: 'Staff sign-in',
    method: 'POST',
    path: '/api/admin/session',
    auth: 'none',
    summary: 'Sign in',
    description: 'Sets the session cookie. A TOTP code is needed when two-factor sign-in is on. Failed attempts are limited per account and per address (429).',
    body: body({ email: EMAIL, password: PASSWORD, totp: str(0, 20) }, ['email', 'password']),
    responses: { 200: json('Signed in.', ref('Session')), 401: { description: 'Wrong email, password or code.' }, 429: { description: 'Too many attempts: wait.' } },
  },
  { tag: 'Staff sign-in', method: 'DELETE', path: '/api/admin/session', auth: 'staff', summary: 'Sign out', responses: { 204: { description: 'Signed out.' } } },
  { tag: 'Staff sign-in', method: 'POST', path: '/api/admin/session/revoke-all', auth: 'staff', summary: 'Sign out everywhere', responses: { 200: json('Sessions ended.', { type: 'object', properties: { ended: { type: 'integer' } } }) } },
  { tag: 'Staff sign-in', method: 'POST', path: '/api/admin/password-reset', auth: 'none', summary: 'Ask for a password reset link', body: body({ email: EMAIL }, ['email']), responses: { 202: json('The same answer whether or not the address has an account.', { type: 'object', properties: { message: { type: 'string' } } }) } },
  {
    tag: 'Staff sign-in',
    method: 'POST',
    path: '/api/admin/password-reset/confirm',
    auth: 'none',
    summary: 'Set a new password with a reset token',
    body: body({ token: TOKEN, password: PASSWORD }, ['token', 'password']),
    responses: { 200: json('Changed; every session of the account has ended.', { type: 'object', properties: { ok: { type: 'boolean' }, message: { type: 'string' } } }) },
  },
  // Accounts
  { tag: 'Staff accounts', method: 'GET', path: '/api/admin/users', auth: 'staff', summary: 'List staff accounts', description: 'Administrators.', responses: { 200: json('The accounts.', { type: 'object', properties: { users: { type: 'array', items: ref('StaffUser') } } }) } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/users/me/password', auth: 'staff', summary: 'Change your password', body: body({ current: PASSWORD, next: PASSWORD }, ['current', 'next']), responses: { 204: { description: 'Changed; your other sessions have ended.' } } },
  {
    tag: 'Staff accounts',
    method: 'PATCH',
    path: '/api/admin/users/:id',
    auth: 'staff',
    summary: 'Change an account’s role, name, or disable it',
    description: 'Administrators.',
    params: idParams,
    body: body({ role: ROLE, name: NAME, disabled: { type: 'boolean' } }),
    responses: { 200: json('The account.', { type: 'object', properties: { user: ref('StaffUser') } }) },
  },
  { tag: 'Staff accounts', method: 'DELETE', path: '/api/admin/users/:id', auth: 'staff', summary: 'Delete an account', description: 'Administrators. Its byline (author) stays.', params: idParams, responses: { 204: { description: 'Deleted.' } } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/totp/setup', auth: 'staff', summary: 'Start two-factor setup', responses: { 200: json('A new secret and its otpauth:// URL (for a QR code).', { type: 'object', properties: { secret: { type: 'string' }, url: { type: 'string' } } }) } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/totp/enable', auth: 'staff', summary: 'Turn two-factor sign-in on', body: body({ code: str(1, 20) }, ['code']), responses: { 200: json('On.', { type: 'object', properties: { totpEnabled: { type: 'boolean' } } }) } },
  { tag: 'Staff accounts', method: 'DELETE', path: '/api/admin/totp', auth: 'staff', summary: 'Turn two-factor sign-in off', body: body({ password: PASSWORD }, ['password']), responses: { 200: json('Off.', { type: 'object', properties: { totpEnabled: { type: 'boolean' } } }) } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/ownership', auth: 'staff', summary: 'Hand the site’s ownership to another account', description: 'The owner only.', body: body({ userId: { type: 'integer', minimum: 1 } }, ['userId']), responses: { 200: json('Done.', { type: 'object', properties: { ok: { type: 'boolean' } } }) } },
  { tag: 'Staff accounts', method: 'GET', path: '/api/admin/invitations', auth: 'staff', summary: 'Pending invitations', description: 'Administrators.', responses: { 200: json('Invitations not yet accepted, revoked or expired.', { type: 'object', properties: { invitations: { type: 'array', items: ref('Invitation') } } }) } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/invitations', auth: 'staff', summary: 'Invite someone by email', description: 'Administrators.', body: body({ email: EMAIL, role: ROLE, name: NAME }, ['email', 'role', 'name']), responses: { 201: json('Invited.', { type: 'object', properties: { invitation: ref('Invitation') } }) } },
  { tag: 'Staff accounts', method: 'POST', path: '/api/admin/invitations/accept', auth: 'none', summary: 'Accept an invitation', body: body({ token: TOKEN, name: NAME, password: PASSWORD }, ['token', 'name', 'password']), responses: { 201: json('Account made and signed in.', ref('Session')) } },
  { tag: 'Staff accounts', method: 'DELETE', path: '/api/admin/invitations/:id', auth: 'staff', summary: 'Revoke an invitation', description: 'Administrators.', params: idParams, responses: { 204: { description: 'Revoked.' } } },
  // Media library
  {
    tag: 'Media',
    method: 'POST',
    path: '/api/admin/media',
    auth: 'staff',
    summary: 'Upload an image',
    description: 'Authors and above. multipart/form-data: one file field "file" (JPEG, PNG, WebP, AVIF or GIF), optional text fields alt, caption, credit. Metadata (GPS, camera) is stripped; AVIF and WebP sizes are made.',
    body: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' }, alt: { type: 'string' }, caption: { type: 'string' }, credit: { type: 'string' } }, required: ['file'] },
    bodyContentType: 'multipart/form-data',
    responses: { 201: json('The image.', ref('Media')), 413: { description: 'Too large.' }, 415: { description: 'Not an image of a kind Broadside takes.' } },
  },
  {
    tag: 'Media',
    method: 'GET',
    path: '/api/admin/media',
    auth: 'staff',
    summary: 'The media library',
    description: 'Newest first, 30 a page.',
    query: { type: 'object', properties: { page: { type: 'integer', minimum: 1 }, q: { type: 'string', maxLength: 200, description: 'Words in the file name, alt text, caption or credit.' } } },
    responses: { 200: json('One page.', { type: 'object', properties: { items: { type: 'array', items: ref('Media') }, page: { type: 'integer' }, pages: { type: 'integer' }, total: { type: 'integer' } } }) },
  },
  { tag: 'Media', method: 'GET', path: '/api/admin/media/:id', auth: 'staff', summary: 'One image', params: idParams, responses: { 200: json('The image.', ref('Media')) } },
  {
    tag: 'Media',
    method: 'PATCH',
    path: '/api/admin/media/:id',
    auth: 'staff',
    summary: 'Describe an image',
    description: 'Alt text, caption or credit; fields left out stay as they are.',
    params: idParams,
    body: body({ alt: { type: 'string' }, caption: { type: 'string' }, credit: { type: 'string' } }),
    responses: { 200: json('The image.', ref('Media')) },
  },
  { tag: 'Media', method: 'DELETE', path: '/api/admin/media/:id', auth: 'staff', summary: 'Delete an image', description: 'Its files go too.', params: idParams, responses: { 204: { description: 'Deleted.' } } },
];

export function describeOtherAdminRoutes(docs: ApiDocs): void {
  docs.addComponents(components);
  for (const op of ops) docs.add(op);
  for (const op of commentsApiDocs()) docs.add(op as OperationDoc);
  for (const op of fundingApiDocs()) docs.add(op as OperationDoc);
  for (const op of importersApiDocs()) docs.add(op as unknown as OperationDoc);
}

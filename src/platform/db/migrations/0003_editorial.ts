// Staff users, their sessions, sign-in throttling, password reset tokens and invitations.
import { sql, type Kysely } from 'kysely';
import { idColumn, refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  const ref = refType(db);

  await db.schema
    .createTable('users')
    .addColumn(...idColumn(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'administrator', 'editor', 'author', 'contributor')`))
    .addColumn('author_id', ref, (c) => c.notNull().references('authors.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_counter', 'bigint')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('disabled_at', time)
    .execute();
  // Exactly one owner: a second one cannot be written, whatever races.
  await db.schema.createIndex('users_one_owner').on('users').column('role').unique().where('role', '=', 'owner').execute();
  await db.schema.createIndex('users_author_idx').on('users').column('author_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('auth_attempts')
    .addColumn(...idColumn(db))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_attempts_lookup_idx').on('auth_attempts').columns(['scope', 'key', 'at']).execute();
  await db.schema.createIndex('auth_attempts_at_idx').on('auth_attempts').column('at').execute();

  await db.schema
    .createTable('password_resets')
    .addColumn(...idColumn(db))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .execute();
  await db.schema.createIndex('password_resets_user_idx').on('password_resets').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn(...idColumn(db))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('administrator', 'editor', 'author', 'contributor')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('accepted_at', time)
    .addColumn('revoked_at', time)
    .execute();
  await db.schema.createIndex('invitations_email_idx').on('invitations').column('email').execute();
}

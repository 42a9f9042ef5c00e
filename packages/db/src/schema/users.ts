import { ADMIN_ROLES } from '@saleschannel/domain';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, lifecycleDates, oneOf } from './_columns.js';

/** People who sign in to the admin UI. Passwords are stored as scrypt hashes only. */
export const adminUsers = pgTable(
  'admin_users',
  {
    id: idColumn('usr'),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: text().notNull().default('admin'),
    lastLoginAt: timestamp({ withTimezone: true }),
    disabledAt: timestamp({ withTimezone: true }),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('admin_users_email_key').on(sql`lower(${t.email})`),
    check('admin_users_role_check', oneOf(t.role, ADMIN_ROLES)),
    check('admin_users_email_check', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

/** Bearer tokens for the HTTP API. Only a SHA-256 hash is kept; the token is shown once, at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: idColumn('tok'),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** The token's first characters, so people can tell their tokens apart. */
    tokenPrefix: text().notNull(),
    scopes: jsonb().$type<string[]>().notNull().default([]),
    createdBy: text().references(() => adminUsers.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
    index('api_tokens_created_by_idx').on(t.createdBy),
    check('api_tokens_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

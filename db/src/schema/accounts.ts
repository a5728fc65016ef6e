/** Accounts: users, sessions (Lucia-guide design: only the token's SHA-256 is stored) and one-time tokens. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, ownerAllPolicy } from './columns.js';
import { agentRole, appRole, authRole } from './roles.js';

export interface EmailPreferences {
  /** Product emails such as "your report is ready". Security mail is always sent. */
  reportReady?: boolean;
}

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    /** Stored lower-cased and trimmed; unique. */
    email: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    emailVerified: boolean().notNull().default(false),
    emailPreferences: jsonb().$type<EmailPreferences>().notNull().default(sql`'{}'::jsonb`),
    /** When the person confirmed at sign-up that they are at least the minimum age (16). */
    ageConfirmedAt: timestamp({ withTimezone: true }),
    /**
     * Set while a requested account deletion waits out its grace period: the moment the purge job
     * may delete everything. Null when no deletion is pending (cancelling clears it).
     */
    deletionDueAt: timestamp({ withTimezone: true }),
    /**
     * A free-tryout account (api/src/tryout): created without an address or a password (a placeholder
     * address under .invalid and the hash of a random password), allowed only its one tryout
     * interview. Claiming sets the real address and password and clears the flag.
     */
    guest: boolean().notNull().default(false),
    createdAt: createdAtColumn(),
  },
  () => [
    pgPolicy('users_owner', { for: 'all', to: appRole, using: sql`id = app_user_id()`, withCheck: sql`id = app_user_id()` }),
    pgPolicy('users_agent_read', { for: 'select', to: agentRole, using: sql`id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id())` }),
    pgPolicy('users_auth_read', { for: 'select', to: authRole, using: sql`true` }),
  ],
);

/** The owning user; deleting the user deletes the row. */
export const ownerUserIdColumn = () =>
  uuid()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const sessions = pgTable(
  'sessions',
  {
    /** Public half of the token, used to find the row (the Lucia guide's session id). */
    id: text().primaryKey(),
    /** SHA-256 of the secret half; compared in constant time. The token itself is never stored. */
    secretHash: text().notNull(),
    userId: ownerUserIdColumn(),
    /** Sliding expiry. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Start of the absolute lifetime. */
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.userId),
    ownerAllPolicy('sessions_owner'),
    pgPolicy('sessions_auth', { for: 'select', to: authRole, using: sql`true` }),
    pgPolicy('sessions_auth_delete', { for: 'delete', to: authRole, using: sql`expires_at <= now()` }),
  ],
);

export const ONE_TIME_TOKEN_KINDS = ['email_verification', 'password_reset'] as const;
export type OneTimeTokenKind = (typeof ONE_TIME_TOKEN_KINDS)[number];

export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: idColumn(),
    userId: ownerUserIdColumn(),
    kind: text({ enum: ONE_TIME_TOKEN_KINDS }).notNull(),
    /** Hex SHA-256 of the code or token. */
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Wrong guesses so far (codes are short: they die after a few). */
    attempts: integer().notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.userId, t.kind),
    ownerAllPolicy('one_time_tokens_owner'),
    pgPolicy('one_time_tokens_auth', { for: 'select', to: authRole, using: sql`true` }),
    pgPolicy('one_time_tokens_auth_delete', { for: 'delete', to: authRole, using: sql`true` }),
  ],
);

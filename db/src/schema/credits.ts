/**
 * Credits and referrals (docs/credits.md, docs/decisions/ for the locking choice): an append-only
 * ledger whose sum is the balance, one anchor row per account that spending locks, and each
 * user's referral profile (their code, who invited them, keyed hashes of their sign-up network
 * and device). The app role may only add its own spends and starting grant to the ledger and may
 * never change or delete a ledger row; purchases, refunds and referral rewards are the worker's.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ownerUserIdColumn, users } from './accounts.js';
import { createdAtColumn, idColumn, ownerReadPolicy } from './columns.js';
import { appRole, workerRole } from './roles.js';

export const CREDIT_ENTRY_KINDS = ['starting_grant', 'interview', 'refund', 'purchase', 'referral_inviter', 'referral_invited'] as const;
export type CreditEntryKind = (typeof CREDIT_ENTRY_KINDS)[number];

/**
 * One row per account: the lock every balance change takes first (an UPDATE of this row), so two
 * spends of one user run one after the other and each sees the other's ledger row.
 */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    userId: ownerUserIdColumn().primaryKey(),
    /** Touched by each locking UPDATE; tells when the balance last changed hands. */
    lockedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAtColumn(),
  },
  () => [
    pgPolicy('credit_accounts_owner', { for: 'all', to: appRole, using: sql`user_id = app_user_id()`, withCheck: sql`user_id = app_user_id()` }),
    pgPolicy('credit_accounts_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
);

export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: idColumn(),
    userId: ownerUserIdColumn(),
    /** Credits added (positive) or spent (negative); never zero. */
    amount: integer().notNull(),
    kind: text({ enum: CREDIT_ENTRY_KINDS }).notNull(),
    /** What makes the entry happen once: `interview:<id>`, `refund:<id>`, `purchase:<checkout id>`… */
    idempotencyKey: text().notNull().unique(),
    /** The interview an `interview` or `refund` entry is for (no foreign key: the entry outlives it). */
    interviewId: uuid(),
    /** A short label for the history: the credit pack, the interview length. No personal data. */
    note: text(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.userId, t.createdAt),
    check('credit_ledger_amount_nonzero', sql`${t.amount} <> 0`),
    ownerReadPolicy('credit_ledger_owner_read'),
    // The request path writes only its own spends (negative) and its own starting grant.
    pgPolicy('credit_ledger_owner_insert', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = app_user_id() AND ((kind = 'interview' AND amount < 0) OR (kind = 'starting_grant' AND amount > 0))`,
    }),
    pgPolicy('credit_ledger_worker_read', { for: 'select', to: workerRole, using: sql`true` }),
    pgPolicy('credit_ledger_worker_insert', { for: 'insert', to: workerRole, withCheck: sql`true` }),
  ],
);

export const referralProfiles = pgTable(
  'referral_profiles',
  {
    userId: ownerUserIdColumn().primaryKey(),
    /** The personal code in the user's link (#/signup?ref=CODE). */
    code: text().notNull().unique(),
    /** Who invited this user (set at sign-up from a valid code); null when nobody did. */
    referredByUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** HMAC-SHA256 (server secret) of the sign-up network prefix (/24 IPv4, /48 IPv6); never the address. */
    signupNetworkHash: text(),
    /** HMAC-SHA256 (server secret) of the device id the web client sent at sign-up. */
    signupDeviceHash: text(),
    /** When the referral of this (invited) user was settled: rewarded or refused for a stated reason. */
    referralSettledAt: timestamp({ withTimezone: true }),
    /** Why it was settled: rewarded, same_network, same_device, inviter_cap. */
    referralOutcome: text(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.referredByUserId),
    pgPolicy('referral_profiles_owner', { for: 'all', to: appRole, using: sql`user_id = app_user_id()`, withCheck: sql`user_id = app_user_id()` }),
    pgPolicy('referral_profiles_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
  ],
);

/**
 * Column and row-policy shapes that many tables repeat, defined once so each table reads as what
 * is particular to it. Each helper returns a fresh builder: drizzle names the column after the key
 * it is assigned to (snake_case), so the generated SQL is what the inline form gave.
 * Not re-exported from the schema index: these are building blocks, not tables.
 */
import { sql } from 'drizzle-orm';
import { pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agentRole, appRole } from './roles.js';

/** Random UUID primary key. */
export const idColumn = () => uuid().primaryKey().defaultRandom();

/** Row creation time, set by the database. */
export const createdAtColumn = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** The signed-in user reads and writes only their own rows (`user_id` column). */
export const ownerAllPolicy = (name: string) =>
  pgPolicy(name, { for: 'all', to: appRole, using: sql`user_id = app_user_id()`, withCheck: sql`user_id = app_user_id()` });

/** The signed-in user reads only their own rows (`user_id` column). */
export const ownerReadPolicy = (name: string) => pgPolicy(name, { for: 'select', to: appRole, using: sql`user_id = app_user_id()` });

/** The agent reads the rows of the interview it is serving (`interview_id` column). */
export const agentInterviewReadPolicy = (name: string) =>
  pgPolicy(name, { for: 'select', to: agentRole, using: sql`interview_id = app_interview_id()` });

/**
 * The agent writes rows of its own interview, for the interview's owner, only while the call is
 * open plus a short grace after it ends, so a row in flight when the webhook closed the interview
 * is not lost. `table` is this table's SQL name (the check refers to the row being inserted).
 */
export const agentInsertWhileOpenPolicy = (name: string, table: string) =>
  pgPolicy(name, {
    for: 'insert',
    to: agentRole,
    withCheck: sql`interview_id = app_interview_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = ${sql.raw(table)}.user_id AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes')))`,
  });

/**
 * The narrow database roles every request runs as (see docs/decisions/001-rls.md), for the
 * row-level policies beside each table. They are created, and granted their columns, by the
 * hand-written migration 0001_rls.sql (drizzle-kit expresses neither grants nor FORCE), so here
 * they are `.existing()`: drizzle-kit never creates or drops them.
 *
 * Policy expressions use two SQL functions from that migration: app_user_id() and
 * app_interview_id(), the transaction's user or interview (NULL outside one; NULL matches no row).
 */
import { pgRole } from 'drizzle-orm/pg-core';

/** A signed-in user's requests, scoped by app.user_id. */
export const appRole = pgRole('mockroom_app').existing();
/** The agent's ingestion, scoped by app.interview_id. */
export const agentRole = pgRole('mockroom_agent').existing();
/** Webhooks, sweeper, job queue, outbox; no transcript access. */
export const workerRole = pgRole('mockroom_worker').existing();
/** Owns the few SECURITY DEFINER functions that run before a user is known. */
export const authRole = pgRole('mockroom_auth').existing();

-- Hand-written. The row-level policies now live beside their tables (db/src/schema, pgPolicy) and
-- the next, generated migration creates them. Databases migrated before that change have the same
-- policies from 0001_rls.sql: drop them here, in the same migration run, so the generated migration
-- recreates them identically. On a new database these are no-ops.
DROP POLICY IF EXISTS "one_time_tokens_owner" ON "one_time_tokens";
--> statement-breakpoint
DROP POLICY IF EXISTS "one_time_tokens_auth" ON "one_time_tokens";
--> statement-breakpoint
DROP POLICY IF EXISTS "one_time_tokens_auth_delete" ON "one_time_tokens";
--> statement-breakpoint
DROP POLICY IF EXISTS "sessions_owner" ON "sessions";
--> statement-breakpoint
DROP POLICY IF EXISTS "sessions_auth" ON "sessions";
--> statement-breakpoint
DROP POLICY IF EXISTS "sessions_auth_delete" ON "sessions";
--> statement-breakpoint
DROP POLICY IF EXISTS "users_owner" ON "users";
--> statement-breakpoint
DROP POLICY IF EXISTS "users_agent_read" ON "users";
--> statement-breakpoint
DROP POLICY IF EXISTS "users_auth_read" ON "users";
--> statement-breakpoint
DROP POLICY IF EXISTS "applications_owner" ON "applications";
--> statement-breakpoint
DROP POLICY IF EXISTS "applications_agent_read" ON "applications";
--> statement-breakpoint
DROP POLICY IF EXISTS "cvs_owner" ON "cvs";
--> statement-breakpoint
DROP POLICY IF EXISTS "interviews_owner" ON "interviews";
--> statement-breakpoint
DROP POLICY IF EXISTS "interviews_agent_read" ON "interviews";
--> statement-breakpoint
DROP POLICY IF EXISTS "interviews_agent_update" ON "interviews";
--> statement-breakpoint
DROP POLICY IF EXISTS "interviews_worker" ON "interviews";
--> statement-breakpoint
DROP POLICY IF EXISTS "interviews_worker_update" ON "interviews";
--> statement-breakpoint
DROP POLICY IF EXISTS "reports_owner_read" ON "reports";
--> statement-breakpoint
DROP POLICY IF EXISTS "reports_owner_insert" ON "reports";
--> statement-breakpoint
DROP POLICY IF EXISTS "reports_owner_update" ON "reports";
--> statement-breakpoint
DROP POLICY IF EXISTS "transcript_turns_owner_read" ON "transcript_turns";
--> statement-breakpoint
DROP POLICY IF EXISTS "transcript_turns_agent_read" ON "transcript_turns";
--> statement-breakpoint
DROP POLICY IF EXISTS "transcript_turns_agent_insert" ON "transcript_turns";
--> statement-breakpoint
DROP POLICY IF EXISTS "turn_metrics_owner_read" ON "turn_metrics";
--> statement-breakpoint
DROP POLICY IF EXISTS "turn_metrics_agent_read" ON "turn_metrics";
--> statement-breakpoint
DROP POLICY IF EXISTS "turn_metrics_agent_insert" ON "turn_metrics";
--> statement-breakpoint
DROP POLICY IF EXISTS "jobs_owner_insert" ON "jobs";
--> statement-breakpoint
DROP POLICY IF EXISTS "jobs_owner_read" ON "jobs";
--> statement-breakpoint
DROP POLICY IF EXISTS "jobs_agent_insert" ON "jobs";
--> statement-breakpoint
DROP POLICY IF EXISTS "jobs_worker" ON "jobs";
--> statement-breakpoint
DROP POLICY IF EXISTS "outbox_owner" ON "outbox_emails";
--> statement-breakpoint
DROP POLICY IF EXISTS "outbox_worker" ON "outbox_emails";

CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "events_name_known" CHECK ("events"."name" IN ('account_created', 'cv_saved', 'cv_deleted', 'application_created', 'application_deleted', 'interview_created', 'interview_deleted', 'export_downloaded', 'account_deletion_requested', 'account_deletion_cancelled', 'account_purged')),
	CONSTRAINT "events_count_non_negative" CHECK ("events"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "age_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deletion_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "events_occurred_at_index" ON "events" USING btree ("occurred_at");--> statement-breakpoint
CREATE POLICY "events_worker" ON "events" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
-- Hand-written below (drizzle-kit expresses neither FORCE nor grants; see 0001_rls.sql).
ALTER TABLE "events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Analytics are recorded, swept and counted by the worker role only: the app role has no grant.
GRANT SELECT, INSERT, DELETE ON "events" TO mockroom_worker;
--> statement-breakpoint
-- A user requests and cancels their own account deletion (RLS: users_owner, own row only).
GRANT UPDATE (deletion_due_at) ON "users" TO mockroom_app;

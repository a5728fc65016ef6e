CREATE TABLE "credit_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"interview_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_ledger_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "credit_ledger_amount_nonzero" CHECK ("credit_ledger"."amount" <> 0)
);
--> statement-breakpoint
ALTER TABLE "credit_ledger" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "referral_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"referred_by_user_id" uuid,
	"signup_network_hash" text,
	"signup_device_hash" text,
	"referral_settled_at" timestamp with time zone,
	"referral_outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_profiles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "referral_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_profiles" ADD CONSTRAINT "referral_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_profiles" ADD CONSTRAINT "referral_profiles_referred_by_user_id_users_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_ledger_user_id_created_at_index" ON "credit_ledger" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_profiles_referred_by_user_id_index" ON "referral_profiles" USING btree ("referred_by_user_id");--> statement-breakpoint
CREATE POLICY "credit_accounts_owner" ON "credit_accounts" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "credit_accounts_worker" ON "credit_accounts" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "credit_ledger_owner_read" ON "credit_ledger" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "credit_ledger_owner_insert" ON "credit_ledger" AS PERMISSIVE FOR INSERT TO "mockroom_app" WITH CHECK (user_id = app_user_id() AND ((kind = 'interview' AND amount < 0) OR (kind = 'starting_grant' AND amount > 0)));--> statement-breakpoint
CREATE POLICY "credit_ledger_worker_read" ON "credit_ledger" AS PERMISSIVE FOR SELECT TO "mockroom_worker" USING (true);--> statement-breakpoint
CREATE POLICY "credit_ledger_worker_insert" ON "credit_ledger" AS PERMISSIVE FOR INSERT TO "mockroom_worker" WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "referral_profiles_owner" ON "referral_profiles" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "referral_profiles_worker" ON "referral_profiles" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
-- Hand-written below (drizzle-kit expresses neither FORCE nor grants; see 0001_rls.sql).
ALTER TABLE "credit_accounts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "credit_ledger" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "referral_profiles" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The ledger is append-only for every role: no UPDATE or DELETE grant. A user's rows go with the
-- user through the foreign key's cascade (run by the owner). The app role's policy lets it add
-- only its own spends and starting grant; purchases, refunds and rewards are the worker's.
GRANT SELECT, INSERT ON "credit_ledger" TO mockroom_app, mockroom_worker;
--> statement-breakpoint
-- The anchor row each balance change locks by updating it (api/src/billing/ledger.ts).
GRANT SELECT, INSERT ON "credit_accounts" TO mockroom_app, mockroom_worker;
--> statement-breakpoint
GRANT UPDATE (locked_at) ON "credit_accounts" TO mockroom_app, mockroom_worker;
--> statement-breakpoint
-- A user reads and creates their own profile (their code); who invited them and the sign-up
-- hashes are written by the worker at sign-up, and the settlement of the referral by the worker.
GRANT SELECT, INSERT ON "referral_profiles" TO mockroom_app, mockroom_worker;
--> statement-breakpoint
GRANT UPDATE (referral_settled_at, referral_outcome) ON "referral_profiles" TO mockroom_worker;

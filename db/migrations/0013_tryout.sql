CREATE TABLE "tryouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_key" text NOT NULL,
	"network_key" text NOT NULL,
	"prefix_key" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tryouts_deviceKey_unique" UNIQUE("device_key"),
	CONSTRAINT "tryouts_networkKey_unique" UNIQUE("network_key")
);
--> statement-breakpoint
ALTER TABLE "tryouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "guest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tryouts" ADD CONSTRAINT "tryouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tryouts_prefix_key_created_at_index" ON "tryouts" USING btree ("prefix_key","created_at");--> statement-breakpoint
CREATE INDEX "tryouts_created_at_index" ON "tryouts" USING btree ("created_at");--> statement-breakpoint
CREATE POLICY "tryouts_worker" ON "tryouts" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
-- Hand-written below (drizzle-kit expresses neither FORCE nor grants; see 0001_rls.sql).
ALTER TABLE "tryouts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The tryout's hashes are written, counted and purged by the worker role only: no user role reads them.
GRANT SELECT, INSERT, UPDATE, DELETE ON "tryouts" TO mockroom_worker;
--> statement-breakpoint
-- Claiming a tryout (api/src/tryout/service.ts): the guest sets its own address and age confirmation
-- and stops being a guest (RLS users_owner: its own row only).
GRANT UPDATE (email, age_confirmed_at, guest) ON "users" TO mockroom_app;

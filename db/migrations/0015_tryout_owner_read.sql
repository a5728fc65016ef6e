CREATE POLICY "tryouts_owner_read" ON "tryouts" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
-- Hand-written (drizzle-kit expresses no grants): a guest reads its own tryout row (RLS
-- tryouts_owner_read), so the account export covers it; writes stay with the worker role.
GRANT SELECT ON "tryouts" TO mockroom_app;

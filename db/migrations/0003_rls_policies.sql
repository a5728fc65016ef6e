ALTER TABLE "one_time_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cvs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "interviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "transcript_turns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "turn_metrics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "one_time_tokens_owner" ON "one_time_tokens" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "one_time_tokens_auth" ON "one_time_tokens" AS PERMISSIVE FOR SELECT TO "mockroom_auth" USING (true);--> statement-breakpoint
CREATE POLICY "one_time_tokens_auth_delete" ON "one_time_tokens" AS PERMISSIVE FOR DELETE TO "mockroom_auth" USING (true);--> statement-breakpoint
CREATE POLICY "sessions_owner" ON "sessions" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "sessions_auth" ON "sessions" AS PERMISSIVE FOR SELECT TO "mockroom_auth" USING (true);--> statement-breakpoint
CREATE POLICY "sessions_auth_delete" ON "sessions" AS PERMISSIVE FOR DELETE TO "mockroom_auth" USING (expires_at <= now());--> statement-breakpoint
CREATE POLICY "users_owner" ON "users" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (id = app_user_id()) WITH CHECK (id = app_user_id());--> statement-breakpoint
CREATE POLICY "users_agent_read" ON "users" AS PERMISSIVE FOR SELECT TO "mockroom_agent" USING (id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id()));--> statement-breakpoint
CREATE POLICY "users_auth_read" ON "users" AS PERMISSIVE FOR SELECT TO "mockroom_auth" USING (true);--> statement-breakpoint
CREATE POLICY "applications_owner" ON "applications" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "applications_agent_read" ON "applications" AS PERMISSIVE FOR SELECT TO "mockroom_agent" USING (id = (SELECT i.application_id FROM interviews i WHERE i.id = app_interview_id()));--> statement-breakpoint
CREATE POLICY "cvs_owner" ON "cvs" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "interviews_owner" ON "interviews" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id() AND EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id AND a.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "interviews_agent_read" ON "interviews" AS PERMISSIVE FOR SELECT TO "mockroom_agent" USING (id = app_interview_id());--> statement-breakpoint
CREATE POLICY "interviews_agent_update" ON "interviews" AS PERMISSIVE FOR UPDATE TO "mockroom_agent" USING (id = app_interview_id() AND status IN ('scheduled', 'live')) WITH CHECK (id = app_interview_id());--> statement-breakpoint
CREATE POLICY "interviews_worker" ON "interviews" AS PERMISSIVE FOR SELECT TO "mockroom_worker" USING (true);--> statement-breakpoint
CREATE POLICY "interviews_worker_update" ON "interviews" AS PERMISSIVE FOR UPDATE TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "reports_owner_read" ON "reports" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "reports_owner_insert" ON "reports" AS PERMISSIVE FOR INSERT TO "mockroom_app" WITH CHECK (user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "reports_owner_update" ON "reports" AS PERMISSIVE FOR UPDATE TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "transcript_turns_owner_read" ON "transcript_turns" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "transcript_turns_agent_read" ON "transcript_turns" AS PERMISSIVE FOR SELECT TO "mockroom_agent" USING (interview_id = app_interview_id());--> statement-breakpoint
CREATE POLICY "transcript_turns_agent_insert" ON "transcript_turns" AS PERMISSIVE FOR INSERT TO "mockroom_agent" WITH CHECK (interview_id = app_interview_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = transcript_turns.user_id AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes'))));--> statement-breakpoint
CREATE POLICY "turn_metrics_owner_read" ON "turn_metrics" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "turn_metrics_agent_read" ON "turn_metrics" AS PERMISSIVE FOR SELECT TO "mockroom_agent" USING (interview_id = app_interview_id());--> statement-breakpoint
CREATE POLICY "turn_metrics_agent_insert" ON "turn_metrics" AS PERMISSIVE FOR INSERT TO "mockroom_agent" WITH CHECK (interview_id = app_interview_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = turn_metrics.user_id AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes'))));--> statement-breakpoint
CREATE POLICY "jobs_owner_insert" ON "jobs" AS PERMISSIVE FOR INSERT TO "mockroom_app" WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "jobs_owner_read" ON "jobs" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "jobs_agent_insert" ON "jobs" AS PERMISSIVE FOR INSERT TO "mockroom_agent" WITH CHECK (user_id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id()));--> statement-breakpoint
CREATE POLICY "jobs_worker" ON "jobs" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "outbox_owner" ON "outbox_emails" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "outbox_worker" ON "outbox_emails" AS PERMISSIVE FOR ALL TO "mockroom_worker" USING (true) WITH CHECK (true);
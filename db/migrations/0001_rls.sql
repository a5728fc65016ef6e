-- Row-level security, roles and grants. Hand-written (drizzle-kit does not emit FORCE or roles).
-- See docs/decisions/001-rls.md. Every statement is separated by a breakpoint because the
-- migrators run one statement per query.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_app') THEN
    CREATE ROLE mockroom_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_auth') THEN
    CREATE ROLE mockroom_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_agent') THEN
    CREATE ROLE mockroom_agent NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_worker') THEN
    CREATE ROLE mockroom_worker NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
-- The connecting (owner) role switches into these with SET LOCAL ROLE.
GRANT mockroom_app, mockroom_auth, mockroom_agent, mockroom_worker TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mockroom_app, mockroom_auth, mockroom_agent, mockroom_worker;
--> statement-breakpoint
-- After a transaction, current_setting(..., true) is '' rather than NULL: nullif makes it NULL,
-- and NULL matches no row.
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_interview_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.interview_id', true), '')::uuid $$;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE one_time_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE one_time_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cvs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cvs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE interviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE interviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE transcript_turns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE transcript_turns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE turn_metrics ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE turn_metrics FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox_emails ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox_emails FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- ---------- mockroom_app: a signed-in user's requests, scoped by app.user_id ----------
GRANT SELECT, INSERT, DELETE ON users, sessions, one_time_tokens, cvs, applications, interviews TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (display_name, password_hash, email_verified, email_preferences) ON users TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (expires_at) ON sessions TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (attempts) ON one_time_tokens TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (file_name, mime_type, size_bytes, text, summary, updated_at) ON cvs TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (company, role, seniority, interview_type, job_description, updated_at) ON applications TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (status, started_at, ended_at, end_reason) ON interviews TO mockroom_app;
--> statement-breakpoint
GRANT SELECT ON transcript_turns, turn_metrics TO mockroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON reports TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (generator, overall, dimensions, speech, body, created_at) ON reports TO mockroom_app;
--> statement-breakpoint
GRANT INSERT ON jobs TO mockroom_app;
--> statement-breakpoint
GRANT SELECT (id, unique_key, user_id, status, kind) ON jobs TO mockroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON outbox_emails TO mockroom_app;
--> statement-breakpoint
CREATE POLICY users_owner ON users FOR ALL TO mockroom_app
  USING (id = app_user_id()) WITH CHECK (id = app_user_id());
--> statement-breakpoint
CREATE POLICY sessions_owner ON sessions FOR ALL TO mockroom_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY one_time_tokens_owner ON one_time_tokens FOR ALL TO mockroom_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY cvs_owner ON cvs FOR ALL TO mockroom_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY applications_owner ON applications FOR ALL TO mockroom_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- Foreign-key checks ignore RLS, so WITH CHECK verifies the parent application is the caller's.
CREATE POLICY interviews_owner ON interviews FOR ALL TO mockroom_app
  USING (user_id = app_user_id())
  WITH CHECK (user_id = app_user_id()
    AND EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id AND a.user_id = app_user_id()));
--> statement-breakpoint
CREATE POLICY transcript_turns_owner_read ON transcript_turns FOR SELECT TO mockroom_app
  USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY turn_metrics_owner_read ON turn_metrics FOR SELECT TO mockroom_app
  USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY reports_owner_read ON reports FOR SELECT TO mockroom_app
  USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY reports_owner_insert ON reports FOR INSERT TO mockroom_app
  WITH CHECK (user_id = app_user_id()
    AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id()));
--> statement-breakpoint
CREATE POLICY reports_owner_update ON reports FOR UPDATE TO mockroom_app
  USING (user_id = app_user_id())
  WITH CHECK (user_id = app_user_id()
    AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id()));
--> statement-breakpoint
CREATE POLICY jobs_owner_insert ON jobs FOR INSERT TO mockroom_app
  WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY jobs_owner_read ON jobs FOR SELECT TO mockroom_app
  USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY outbox_owner ON outbox_emails FOR ALL TO mockroom_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- ---------- mockroom_agent: the agent's ingestion, scoped by app.interview_id ----------
GRANT SELECT (id, application_id, user_id, status, plan, provider_settings, time_box_seconds, question_statuses, started_at, ended_at, end_reason, created_at) ON interviews TO mockroom_agent;
--> statement-breakpoint
GRANT UPDATE (status, started_at, ended_at, end_reason, question_statuses) ON interviews TO mockroom_agent;
--> statement-breakpoint
GRANT SELECT (id, company, role, seniority, interview_type) ON applications TO mockroom_agent;
--> statement-breakpoint
GRANT SELECT (id, display_name) ON users TO mockroom_agent;
--> statement-breakpoint
GRANT SELECT, INSERT ON transcript_turns, turn_metrics TO mockroom_agent;
--> statement-breakpoint
GRANT INSERT ON jobs TO mockroom_agent;
--> statement-breakpoint
CREATE POLICY interviews_agent_read ON interviews FOR SELECT TO mockroom_agent
  USING (id = app_interview_id());
--> statement-breakpoint
CREATE POLICY interviews_agent_update ON interviews FOR UPDATE TO mockroom_agent
  USING (id = app_interview_id() AND status IN ('scheduled', 'live'))
  WITH CHECK (id = app_interview_id());
--> statement-breakpoint
CREATE POLICY applications_agent_read ON applications FOR SELECT TO mockroom_agent
  USING (id = (SELECT i.application_id FROM interviews i WHERE i.id = app_interview_id()));
--> statement-breakpoint
CREATE POLICY users_agent_read ON users FOR SELECT TO mockroom_agent
  USING (id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id()));
--> statement-breakpoint
CREATE POLICY transcript_turns_agent_read ON transcript_turns FOR SELECT TO mockroom_agent
  USING (interview_id = app_interview_id());
--> statement-breakpoint
-- Writes only while the call is open, plus a short grace after it ends so a turn in flight
-- when the webhook closed the interview is not lost.
CREATE POLICY transcript_turns_agent_insert ON transcript_turns FOR INSERT TO mockroom_agent
  WITH CHECK (interview_id = app_interview_id()
    AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = transcript_turns.user_id
      AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes'))));
--> statement-breakpoint
CREATE POLICY turn_metrics_agent_read ON turn_metrics FOR SELECT TO mockroom_agent
  USING (interview_id = app_interview_id());
--> statement-breakpoint
CREATE POLICY turn_metrics_agent_insert ON turn_metrics FOR INSERT TO mockroom_agent
  WITH CHECK (interview_id = app_interview_id()
    AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = turn_metrics.user_id
      AND (i.status IN ('scheduled', 'live') OR (i.status = 'ended' AND i.ended_at > now() - interval '2 minutes'))));
--> statement-breakpoint
CREATE POLICY jobs_agent_insert ON jobs FOR INSERT TO mockroom_agent
  WITH CHECK (user_id = (SELECT i.user_id FROM interviews i WHERE i.id = app_interview_id()));
--> statement-breakpoint
-- ---------- mockroom_worker: webhooks, sweeper, job queue, outbox; no transcript access ----------
GRANT SELECT (id, user_id, status, time_box_seconds, started_at, ended_at, end_reason, created_at) ON interviews TO mockroom_worker;
--> statement-breakpoint
GRANT UPDATE (status, started_at, ended_at, end_reason) ON interviews TO mockroom_worker;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, outbox_emails, webhook_events, rate_limits TO mockroom_worker;
--> statement-breakpoint
CREATE POLICY interviews_worker ON interviews FOR SELECT TO mockroom_worker USING (true);
--> statement-breakpoint
CREATE POLICY interviews_worker_update ON interviews FOR UPDATE TO mockroom_worker USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY jobs_worker ON jobs FOR ALL TO mockroom_worker USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY outbox_worker ON outbox_emails FOR ALL TO mockroom_worker USING (true) WITH CHECK (true);
--> statement-breakpoint
-- ---------- mockroom_auth: owns the few SECURITY DEFINER functions that run before a user is known ----------
GRANT SELECT (id, email, password_hash) ON users TO mockroom_auth;
--> statement-breakpoint
GRANT SELECT, DELETE ON sessions, one_time_tokens TO mockroom_auth;
--> statement-breakpoint
CREATE POLICY users_auth_read ON users FOR SELECT TO mockroom_auth USING (true);
--> statement-breakpoint
CREATE POLICY sessions_auth ON sessions FOR SELECT TO mockroom_auth USING (true);
--> statement-breakpoint
CREATE POLICY sessions_auth_delete ON sessions FOR DELETE TO mockroom_auth USING (expires_at <= now());
--> statement-breakpoint
CREATE POLICY one_time_tokens_auth ON one_time_tokens FOR SELECT TO mockroom_auth USING (true);
--> statement-breakpoint
CREATE POLICY one_time_tokens_auth_delete ON one_time_tokens FOR DELETE TO mockroom_auth USING (true);
--> statement-breakpoint
-- Sign-in: the password hash for an email (the caller verifies it).
CREATE OR REPLACE FUNCTION auth_find_user(p_email text) RETURNS TABLE (user_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT u.id, u.password_hash FROM users u WHERE u.email = p_email $$;
--> statement-breakpoint
-- Session validation: the row for a session id (the caller compares the secret hash in constant time).
CREATE OR REPLACE FUNCTION auth_find_session(p_session_id text)
  RETURNS TABLE (user_id uuid, secret_hash text, expires_at timestamptz, created_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT s.user_id, s.secret_hash, s.expires_at, s.created_at FROM sessions s WHERE s.id = p_session_id $$;
--> statement-breakpoint
-- Password reset: consume a token exactly once; returns its user when it was valid.
CREATE OR REPLACE FUNCTION auth_consume_token(p_kind text, p_token_hash text) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ DELETE FROM one_time_tokens t WHERE t.kind = p_kind AND t.token_hash = p_token_hash
        RETURNING CASE WHEN t.expires_at > now() THEN t.user_id END $$;
--> statement-breakpoint
-- Housekeeping: expired sessions of any user.
CREATE OR REPLACE FUNCTION auth_delete_expired_sessions() RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ WITH d AS (DELETE FROM sessions WHERE expires_at <= now() RETURNING 1) SELECT count(*)::integer FROM d $$;
--> statement-breakpoint
-- ALTER ... OWNER needs CREATE on the schema for the new owner; taken back right after.
GRANT CREATE ON SCHEMA public TO mockroom_auth;
--> statement-breakpoint
ALTER FUNCTION auth_find_user(text) OWNER TO mockroom_auth;
--> statement-breakpoint
ALTER FUNCTION auth_find_session(text) OWNER TO mockroom_auth;
--> statement-breakpoint
ALTER FUNCTION auth_consume_token(text, text) OWNER TO mockroom_auth;
--> statement-breakpoint
ALTER FUNCTION auth_delete_expired_sessions() OWNER TO mockroom_auth;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM mockroom_auth;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION auth_find_user(text), auth_find_session(text), auth_consume_token(text, text), auth_delete_expired_sessions() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_find_user(text), auth_find_session(text), auth_consume_token(text, text), auth_delete_expired_sessions() TO mockroom_app, mockroom_worker;

-- Roles, grants, FORCE ROW LEVEL SECURITY and the SECURITY DEFINER functions: what drizzle-kit does
-- not express. Hand-written. The policies live beside their tables (db/src/schema, pgPolicy) and
-- are created by a generated migration; until 0003 they were created here (0002 moves them).
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
-- ---------- mockroom_worker: webhooks, sweeper, job queue, outbox; no transcript access ----------
GRANT SELECT (id, user_id, status, time_box_seconds, started_at, ended_at, end_reason, created_at) ON interviews TO mockroom_worker;
--> statement-breakpoint
GRANT UPDATE (status, started_at, ended_at, end_reason) ON interviews TO mockroom_worker;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs, outbox_emails, webhook_events, rate_limits TO mockroom_worker;
--> statement-breakpoint
-- ---------- mockroom_auth: owns the few SECURITY DEFINER functions that run before a user is known ----------
GRANT SELECT (id, email, password_hash) ON users TO mockroom_auth;
--> statement-breakpoint
GRANT SELECT, DELETE ON sessions, one_time_tokens TO mockroom_auth;
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

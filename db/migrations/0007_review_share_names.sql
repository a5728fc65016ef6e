ALTER TABLE "review_shares" ADD COLUMN "reviewer_name" text;--> statement-breakpoint
-- Hand-written (issue 18): accepting a link records the reviewer's display name on the share (the
-- candidate sees who has access), and a cohort's name is readable by whoever holds its id (the
-- share code its lead hands out), so a candidate sees which cohort they shared with.
GRANT UPDATE (reviewer_name) ON review_shares TO mockroom_review;
--> statement-breakpoint
DROP FUNCTION IF EXISTS review_accept_share(text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION review_accept_share(p_token_hash text, p_reviewer_name text) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ UPDATE review_shares s SET reviewer_user_id = app_user_id(), reviewer_name = left(p_reviewer_name, 100), invite_token_hash = NULL
        WHERE s.invite_token_hash = p_token_hash AND s.reviewer_user_id IS NULL AND app_user_id() IS NOT NULL
          AND s.user_id <> app_user_id() AND (s.invite_expires_at IS NULL OR s.invite_expires_at > now())
        RETURNING s.interview_id $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION review_cohort_name(p_cohort_id uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.name FROM cohorts c WHERE c.id = p_cohort_id AND app_user_id() IS NOT NULL $$;
--> statement-breakpoint
GRANT CREATE ON SCHEMA public TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_accept_share(text, text) OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_cohort_name(uuid) OWNER TO mockroom_review;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM mockroom_review;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION review_accept_share(text, text), review_cohort_name(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION review_accept_share(text, text), review_cohort_name(uuid) TO mockroom_app;

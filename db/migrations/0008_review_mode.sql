-- Hand-written (issue 18). A reviewer's access to shared interviews applies only inside review
-- transactions, which set app.review_mode = 'on' (api/src/lib/review-db.ts). Every other route
-- keeps meaning "the caller's own interviews" even where it filters by id alone, so a reviewer
-- cannot reach a shared interview through the candidate's routes (report, end, rescore, export).
CREATE OR REPLACE FUNCTION review_shared_interview_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT s.interview_id FROM review_shares s
        WHERE current_setting('app.review_mode', true) = 'on'
          AND (s.reviewer_user_id = app_user_id()
               OR s.cohort_id IN (SELECT m.cohort_id FROM cohort_members m WHERE m.user_id = app_user_id())) $$;

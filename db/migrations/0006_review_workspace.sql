CREATE TABLE "calibration_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid,
	"created_by" uuid,
	"title" text NOT NULL,
	"plan" jsonb NOT NULL,
	"turns" jsonb NOT NULL,
	"gold_scores" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calibration_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cohort_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "cohort_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_user_id_pk" PRIMARY KEY("cohort_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "cohort_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"lead_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cohorts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"turn_id" uuid NOT NULL,
	"span_start" integer,
	"span_end" integer,
	"star_part" text,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_comments_span" CHECK (("review_comments"."span_start" IS NULL AND "review_comments"."span_end" IS NULL) OR ("review_comments"."span_start" >= 0 AND "review_comments"."span_end" > "review_comments"."span_start"))
);
--> statement-breakpoint
ALTER TABLE "review_comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reviewer_user_id" uuid,
	"cohort_id" uuid,
	"invite_token_hash" text,
	"invite_email" text,
	"invite_expires_at" timestamp with time zone,
	"pseudonym" text NOT NULL,
	"candidate_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_shares_inviteTokenHash_unique" UNIQUE("invite_token_hash"),
	CONSTRAINT "review_shares_one_audience" CHECK (num_nonnulls("review_shares"."reviewer_user_id", "review_shares"."cohort_id", "review_shares"."invite_token_hash") >= 1)
);
--> statement-breakpoint
ALTER TABLE "review_shares" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"interview_id" uuid,
	"calibration_item_id" uuid,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"shared_back_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_userId_interviewId_unique" UNIQUE("user_id","interview_id"),
	CONSTRAINT "reviews_userId_calibrationItemId_unique" UNIQUE("user_id","calibration_item_id"),
	CONSTRAINT "reviews_one_subject" CHECK (num_nonnulls("reviews"."interview_id", "reviews"."calibration_item_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "calibration_items" ADD CONSTRAINT "calibration_items_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calibration_items" ADD CONSTRAINT "calibration_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_invitations" ADD CONSTRAINT "cohort_invitations_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_turn_id_transcript_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."transcript_turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_shares" ADD CONSTRAINT "review_shares_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_shares" ADD CONSTRAINT "review_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_shares" ADD CONSTRAINT "review_shares_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_shares" ADD CONSTRAINT "review_shares_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_calibration_item_id_calibration_items_id_fk" FOREIGN KEY ("calibration_item_id") REFERENCES "public"."calibration_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calibration_items_cohort_id_index" ON "calibration_items" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "cohort_invitations_cohort_id_index" ON "cohort_invitations" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "cohort_members_user_id_index" ON "cohort_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cohorts_lead_user_id_index" ON "cohorts" USING btree ("lead_user_id");--> statement-breakpoint
CREATE INDEX "review_comments_interview_id_index" ON "review_comments" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "review_shares_interview_id_index" ON "review_shares" USING btree ("interview_id");--> statement-breakpoint
CREATE INDEX "review_shares_reviewer_user_id_index" ON "review_shares" USING btree ("reviewer_user_id");--> statement-breakpoint
CREATE INDEX "review_shares_cohort_id_index" ON "review_shares" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "reviews_interview_id_index" ON "reviews" USING btree ("interview_id");--> statement-breakpoint
-- ---------- Hand-written from here to the policies (issue 18; docs/decisions/014-review-workspace.md) ----------
-- drizzle-kit generated the tables above and the policies below; it does not express roles, grants,
-- FORCE or functions. The functions must exist before the policies that call them, and the seed
-- rows go in before FORCE (the schema owner is not a superuser in production).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_review') THEN
    CREATE ROLE mockroom_review NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT mockroom_review TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mockroom_review;
--> statement-breakpoint
-- Reference interviews for calibration, written for the purpose from the evaluation set's invented
-- answers (eval/data/answers-dev.json): reference data, not personal data. Gold scores are a careful
-- reader's judgement on the rubric (core/src/rubric.ts).
INSERT INTO calibration_items (id, cohort_id, created_by, title, plan, turns, gold_scores) VALUES ('00000000-0000-4000-8000-00000000c001', NULL, NULL, 'Backend engineer: an incident and a mentee (reference)', $json${"version":1,"questions":[{"id":"q1","kind":"technical","competency":"incident management","text":"Tell me about a production incident you handled. What happened and what did you change afterwards?","strongAnswer":[],"followUps":[],"skill":"incident management","keywords":["incident","production","alert","rollback","root cause","postmortem"]},{"id":"q2","kind":"behavioural","competency":"mentoring","text":"Tell me about someone you mentored. What did you do and how did they grow?","strongAnswer":[],"followUps":[],"skill":"mentoring","keywords":["mentored","junior","feedback","pairing","grew","confidence"]}],"requiredSkills":[]}$json$::jsonb, $json$[{"turnId":"r1","speaker":"recruiter","text":"Tell me about a production incident you handled. What happened and what did you change afterwards?","questionId":"q1"},{"turnId":"c2","speaker":"candidate","text":"In March 2023 our settlement service started timing out at 2am, and about 4,000 card payments were stuck in pending. I was on call, so it was my job to stop the bleeding and find the cause. I checked our dashboards and saw Postgres connections maxed out, then found a new nightly report query holding locks on the ledger table. I killed the query, which cleared the backlog in ten minutes, and then moved the report to a read replica. In the postmortem I proposed a statement timeout for batch jobs and an alert on lock waits. We have not had a lock-related outage since, and payment delays went from about two incidents a quarter to none.","questionId":"q1"},{"turnId":"r3","speaker":"recruiter","text":"Tell me about someone you mentored. What did you do and how did they grow?","questionId":"q2"},{"turnId":"c4","speaker":"candidate","text":"When a graduate joined my team in 2022 she was nervous about code review and her pull requests sat open for days. I wanted her to be shipping on her own within three months. We agreed a weekly one-to-one, I paired with her on her first two features, and I started leaving review comments that explained why, not just what. I also gave her ownership of a small retry library so she had something that was hers. By the end of the quarter her pull requests were merged in under a day on average, and six months later she was reviewing other people’s code and presented the library at our engineering meeting.","questionId":"q2"}]$json$::jsonb, $json${"clarity":4,"structure":5,"relevance":5,"depth":5,"impact":5,"role":4}$json$::jsonb) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO calibration_items (id, cohort_id, created_by, title, plan, turns, gold_scores) VALUES ('00000000-0000-4000-8000-00000000c002', NULL, NULL, 'Ward nurse: one full answer, one general claim (reference)', $json${"version":1,"questions":[{"id":"q1","kind":"role_specific","competency":"patient assessment","text":"Tell me about a time you recognised that a patient was deteriorating. What did you do?","strongAnswer":[],"followUps":[],"skill":"patient assessment","keywords":["patient","news2","escalated","doctor","observations","outcome"]},{"id":"q2","kind":"behavioural","competency":"communication","text":"Tell me about a time you had to explain something complicated to someone who was anxious or confused.","strongAnswer":[],"followUps":[],"skill":"communication","keywords":["explained","understand","patient","customer","checked","simple"]}],"requiredSkills":[]}$json$::jsonb, $json$[{"turnId":"r1","speaker":"recruiter","text":"Tell me about a time you recognised that a patient was deteriorating. What did you do?","questionId":"q1"},{"turnId":"c2","speaker":"candidate","text":"On a night shift last winter, a 78-year-old man admitted with a chest infection had a NEWS2 score of 3 at midnight, and by 2am he was more confused and his breathing rate had gone up to 26. I was responsible for his care that night, so I needed to get him reviewed quickly. I repeated a full set of observations, did a sepsis screen, and escalated to the medical registrar using SBAR. While waiting I started oxygen as prescribed and took blood cultures. He was started on IV antibiotics within the hour. By the morning his score had dropped to 2, and the registrar said the early call probably kept him out of intensive care.","questionId":"q1"},{"turnId":"r3","speaker":"recruiter","text":"Tell me about a time you had to explain something complicated to someone who was anxious or confused.","questionId":"q2"},{"turnId":"c4","speaker":"candidate","text":"I am a good communicator, I explain things to patients every day. I think you just have to be patient and use simple words. People usually understand in the end.","questionId":"q2"}]$json$::jsonb, $json${"clarity":4,"structure":3,"relevance":4,"depth":3,"impact":3,"role":3}$json$::jsonb) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO calibration_items (id, cohort_id, created_by, title, plan, turns, gold_scores) VALUES ('00000000-0000-4000-8000-00000000c003', NULL, NULL, 'Warehouse planner: two thin answers (reference)', $json${"version":1,"questions":[{"id":"q1","kind":"role_specific","competency":"stock control","text":"Tell me about a time you found a problem with stock accuracy. What did you do?","strongAnswer":[],"followUps":[],"skill":"stock control","keywords":["stock","count","discrepancy","system","accuracy","fixed"]},{"id":"q2","kind":"role_specific","competency":"demand forecasting","text":"Walk me through a forecast you built and how it was used.","strongAnswer":[],"followUps":[],"skill":"demand forecasting","keywords":["forecast","demand","data","stock","accuracy","decision"]}],"requiredSkills":[]}$json$::jsonb, $json$[{"turnId":"r1","speaker":"recruiter","text":"Tell me about a time you found a problem with stock accuracy. What did you do?","questionId":"q1"},{"turnId":"c2","speaker":"candidate","text":"Stock counts can be a pain. I just count carefully and tell my manager if the numbers are off.","questionId":"q1"},{"turnId":"r3","speaker":"recruiter","text":"Walk me through a forecast you built and how it was used.","questionId":"q2"},{"turnId":"c4","speaker":"candidate","text":"I do a lot of forecasting. I use historical data and Excel and look at trends. Forecasts are never perfect, you know, but they help.","questionId":"q2"}]$json$::jsonb, $json${"clarity":3,"structure":1,"relevance":2,"depth":1,"impact":1,"role":2}$json$::jsonb) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
ALTER TABLE cohorts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cohort_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cohort_invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE review_shares FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE calibration_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE review_comments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- mockroom_app: rows are scoped by the policies below; updates only of the columns a user may change.
GRANT SELECT, INSERT, DELETE ON cohorts, cohort_members, cohort_invitations, review_shares, calibration_items, reviews, review_comments TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (name) ON cohorts TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (scores, submitted_at, shared_back_at, updated_at) ON reviews TO mockroom_app;
--> statement-breakpoint
-- mockroom_review: owns the functions below and reads or writes only through them.
GRANT SELECT ON cohorts, cohort_members, cohort_invitations, review_shares, reviews TO mockroom_review;
--> statement-breakpoint
GRANT INSERT ON cohort_members TO mockroom_review;
--> statement-breakpoint
GRANT UPDATE (reviewer_user_id, invite_token_hash) ON review_shares TO mockroom_review;
--> statement-breakpoint
GRANT UPDATE (accepted_at) ON cohort_invitations TO mockroom_review;
--> statement-breakpoint
-- Cohorts the caller belongs to (the lead is a member of their own cohort).
CREATE OR REPLACE FUNCTION review_member_cohort_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT m.cohort_id FROM cohort_members m WHERE m.user_id = app_user_id() $$;
--> statement-breakpoint
-- Cohorts the caller leads.
CREATE OR REPLACE FUNCTION review_led_cohort_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.id FROM cohorts c WHERE c.lead_user_id = app_user_id() $$;
--> statement-breakpoint
-- Members of the cohorts the caller leads (for the cohort's statistics).
CREATE OR REPLACE FUNCTION review_led_member_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT m.user_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.lead_user_id = app_user_id() $$;
--> statement-breakpoint
-- Interviews shared with the caller, directly or with a cohort they belong to. A revoked share is a
-- deleted row, so access ends with the statement that revokes it.
CREATE OR REPLACE FUNCTION review_shared_interview_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT s.interview_id FROM review_shares s
        WHERE s.reviewer_user_id = app_user_id()
           OR s.cohort_id IN (SELECT m.cohort_id FROM cohort_members m WHERE m.user_id = app_user_id()) $$;
--> statement-breakpoint
-- Shared interviews the caller has submitted a review of: only these show the AI's and others' scores.
CREATE OR REPLACE FUNCTION review_submitted_interview_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT r.interview_id FROM reviews r
        WHERE r.user_id = app_user_id() AND r.submitted_at IS NOT NULL
          AND r.interview_id IN (SELECT review_shared_interview_ids()) $$;
--> statement-breakpoint
-- A reviewer accepts a candidate's invitation link: single use, never by the candidate themself.
CREATE OR REPLACE FUNCTION review_accept_share(p_token_hash text) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ UPDATE review_shares s SET reviewer_user_id = app_user_id(), invite_token_hash = NULL
        WHERE s.invite_token_hash = p_token_hash AND s.reviewer_user_id IS NULL AND app_user_id() IS NOT NULL
          AND s.user_id <> app_user_id() AND (s.invite_expires_at IS NULL OR s.invite_expires_at > now())
        RETURNING s.interview_id $$;
--> statement-breakpoint
-- A reviewer joins a cohort through the lead's invitation link: single use, before it expires.
CREATE OR REPLACE FUNCTION review_accept_cohort_invitation(p_token_hash text) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ WITH inv AS (
          UPDATE cohort_invitations i SET accepted_at = now()
          WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.expires_at > now() AND app_user_id() IS NOT NULL
          RETURNING i.cohort_id),
        joined AS (INSERT INTO cohort_members (cohort_id, user_id) SELECT cohort_id, app_user_id() FROM inv ON CONFLICT DO NOTHING)
        SELECT cohort_id FROM inv $$;
--> statement-breakpoint
-- ALTER ... OWNER needs CREATE on the schema for the new owner; taken back right after.
GRANT CREATE ON SCHEMA public TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_member_cohort_ids() OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_led_cohort_ids() OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_led_member_ids() OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_shared_interview_ids() OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_submitted_interview_ids() OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_accept_share(text) OWNER TO mockroom_review;
--> statement-breakpoint
ALTER FUNCTION review_accept_cohort_invitation(text) OWNER TO mockroom_review;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM mockroom_review;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION review_member_cohort_ids(), review_led_cohort_ids(), review_led_member_ids(), review_shared_interview_ids(), review_submitted_interview_ids(), review_accept_share(text), review_accept_cohort_invitation(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION review_member_cohort_ids(), review_led_cohort_ids(), review_led_member_ids(), review_shared_interview_ids(), review_submitted_interview_ids(), review_accept_share(text), review_accept_cohort_invitation(text) TO mockroom_app;
--> statement-breakpoint
-- ---------- Generated policies ----------
CREATE POLICY "interviews_reviewer_read" ON "interviews" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (id IN (SELECT review_shared_interview_ids()));--> statement-breakpoint
CREATE POLICY "reports_reviewer_read" ON "reports" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (interview_id IN (SELECT review_submitted_interview_ids()));--> statement-breakpoint
CREATE POLICY "transcript_turns_reviewer_read" ON "transcript_turns" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (interview_id IN (SELECT review_shared_interview_ids()));--> statement-breakpoint
CREATE POLICY "calibration_items_read" ON "calibration_items" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (cohort_id IS NULL OR cohort_id IN (SELECT review_member_cohort_ids()));--> statement-breakpoint
CREATE POLICY "calibration_items_lead" ON "calibration_items" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (cohort_id IN (SELECT review_led_cohort_ids())) WITH CHECK (created_by = app_user_id() AND cohort_id IN (SELECT review_led_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohort_invitations_lead" ON "cohort_invitations" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (cohort_id IN (SELECT review_led_cohort_ids())) WITH CHECK (cohort_id IN (SELECT review_led_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohort_invitations_review" ON "cohort_invitations" AS PERMISSIVE FOR SELECT TO "mockroom_review" USING (true);--> statement-breakpoint
CREATE POLICY "cohort_invitations_review_update" ON "cohort_invitations" AS PERMISSIVE FOR UPDATE TO "mockroom_review" USING (accepted_at IS NULL) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "cohort_members_self_read" ON "cohort_members" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "cohort_members_self_leave" ON "cohort_members" AS PERMISSIVE FOR DELETE TO "mockroom_app" USING (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "cohort_members_lead_join" ON "cohort_members" AS PERMISSIVE FOR INSERT TO "mockroom_app" WITH CHECK (user_id = app_user_id() AND cohort_id IN (SELECT review_led_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohort_members_lead_read" ON "cohort_members" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (cohort_id IN (SELECT review_led_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohort_members_lead_remove" ON "cohort_members" AS PERMISSIVE FOR DELETE TO "mockroom_app" USING (cohort_id IN (SELECT review_led_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohort_members_review" ON "cohort_members" AS PERMISSIVE FOR SELECT TO "mockroom_review" USING (true);--> statement-breakpoint
CREATE POLICY "cohort_members_review_insert" ON "cohort_members" AS PERMISSIVE FOR INSERT TO "mockroom_review" WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "cohorts_lead" ON "cohorts" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (lead_user_id = app_user_id()) WITH CHECK (lead_user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "cohorts_member_read" ON "cohorts" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (id IN (SELECT review_member_cohort_ids()));--> statement-breakpoint
CREATE POLICY "cohorts_review" ON "cohorts" AS PERMISSIVE FOR SELECT TO "mockroom_review" USING (true);--> statement-breakpoint
CREATE POLICY "review_comments_own" ON "review_comments" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id() AND interview_id IN (SELECT review_shared_interview_ids()) AND EXISTS (SELECT 1 FROM transcript_turns tt WHERE tt.id = review_comments.turn_id AND tt.interview_id = review_comments.interview_id));--> statement-breakpoint
CREATE POLICY "review_comments_candidate_read" ON "review_comments" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (interview_id IN (SELECT i.id FROM interviews i WHERE i.user_id = app_user_id()) AND EXISTS (SELECT 1 FROM reviews r WHERE r.interview_id = review_comments.interview_id AND r.user_id = review_comments.user_id AND r.shared_back_at IS NOT NULL));--> statement-breakpoint
CREATE POLICY "review_shares_owner" ON "review_shares" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id() AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = interview_id AND i.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "review_shares_reviewer_read" ON "review_shares" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (reviewer_user_id = app_user_id() OR cohort_id IN (SELECT review_member_cohort_ids()));--> statement-breakpoint
CREATE POLICY "review_shares_review" ON "review_shares" AS PERMISSIVE FOR SELECT TO "mockroom_review" USING (true);--> statement-breakpoint
CREATE POLICY "review_shares_review_accept" ON "review_shares" AS PERMISSIVE FOR UPDATE TO "mockroom_review" USING (reviewer_user_id IS NULL) WITH CHECK (reviewer_user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "reviews_own" ON "reviews" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id() AND (interview_id IS NULL OR interview_id IN (SELECT review_shared_interview_ids())) AND (calibration_item_id IS NULL OR EXISTS (SELECT 1 FROM calibration_items c WHERE c.id = calibration_item_id)));--> statement-breakpoint
CREATE POLICY "reviews_peer_read" ON "reviews" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (submitted_at IS NOT NULL AND interview_id IN (SELECT review_submitted_interview_ids()));--> statement-breakpoint
CREATE POLICY "reviews_lead_read" ON "reviews" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (submitted_at IS NOT NULL AND user_id IN (SELECT review_led_member_ids()));--> statement-breakpoint
CREATE POLICY "reviews_candidate_read" ON "reviews" AS PERMISSIVE FOR SELECT TO "mockroom_app" USING (shared_back_at IS NOT NULL AND interview_id IN (SELECT i.id FROM interviews i WHERE i.user_id = app_user_id()));--> statement-breakpoint
CREATE POLICY "reviews_review" ON "reviews" AS PERMISSIVE FOR SELECT TO "mockroom_review" USING (true);
CREATE TABLE "habit_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"reminders_enabled" boolean DEFAULT false NOT NULL,
	"reminder_time" text DEFAULT '18:00' NOT NULL,
	"last_reminder_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "habit_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leaderboard_entries" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"handle" text NOT NULL,
	"handle_key" text NOT NULL,
	"week_start" date,
	"week_count" integer DEFAULT 0 NOT NULL,
	"current_streak" integer DEFAULT 0 NOT NULL,
	"streak_valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_entries_handleKey_unique" UNIQUE("handle_key")
);
--> statement-breakpoint
ALTER TABLE "leaderboard_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "user_achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_achievements_userId_key_unique" UNIQUE("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "user_achievements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "habit_settings" ADD CONSTRAINT "habit_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_entries" ADD CONSTRAINT "leaderboard_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_achievements" ADD CONSTRAINT "user_achievements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leaderboard_entries_week_start_index" ON "leaderboard_entries" USING btree ("week_start");--> statement-breakpoint
-- ---------- Hand-written from here to the policies (issue 19; docs/habits.md) ----------
-- drizzle-kit generated the tables above and the policies below; it expresses neither roles, grants,
-- FORCE nor functions. The role must exist before the policy that names it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mockroom_habits') THEN
    CREATE ROLE mockroom_habits NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT mockroom_habits TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mockroom_habits;
--> statement-breakpoint
ALTER TABLE habit_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE user_achievements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leaderboard_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- mockroom_app: own rows only (policies below).
GRANT SELECT, INSERT, DELETE ON habit_settings, user_achievements, leaderboard_entries TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (time_zone, reminders_enabled, reminder_time, updated_at) ON habit_settings TO mockroom_app;
--> statement-breakpoint
GRANT UPDATE (handle, handle_key, week_start, week_count, current_streak, streak_valid_until) ON leaderboard_entries TO mockroom_app;
--> statement-breakpoint
-- mockroom_worker: who is due a streak reminder (no email, no handle) and the one-a-day mark.
GRANT SELECT (user_id, time_zone, reminders_enabled, reminder_time, last_reminder_on) ON habit_settings TO mockroom_worker;
--> statement-breakpoint
GRANT UPDATE (last_reminder_on) ON habit_settings TO mockroom_worker;
--> statement-breakpoint
-- mockroom_habits: owns habits_leaderboard() and reads only the public columns of the board.
GRANT SELECT (handle, week_start, week_count, current_streak, streak_valid_until) ON leaderboard_entries TO mockroom_habits;
--> statement-breakpoint
-- The weekly board: handle and counts only, never a user id. A count from an older week is 0 and a
-- streak past its lapse instant is 0, so the board needs no job to reset it at the week's turn.
CREATE OR REPLACE FUNCTION habits_leaderboard(p_week_start date, p_limit integer)
  RETURNS TABLE (handle text, practice_count integer, streak integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT e.handle,
               CASE WHEN e.week_start = p_week_start THEN e.week_count ELSE 0 END AS practice_count,
               CASE WHEN e.streak_valid_until > now() THEN e.current_streak ELSE 0 END AS streak
        FROM leaderboard_entries e
        ORDER BY 2 DESC, 3 DESC, e.handle
        LIMIT greatest(0, least(p_limit, 200)) $$;
--> statement-breakpoint
-- ALTER ... OWNER needs CREATE on the schema for the new owner; taken back right after.
GRANT CREATE ON SCHEMA public TO mockroom_habits;
--> statement-breakpoint
ALTER FUNCTION habits_leaderboard(date, integer) OWNER TO mockroom_habits;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM mockroom_habits;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION habits_leaderboard(date, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION habits_leaderboard(date, integer) TO mockroom_app;
--> statement-breakpoint
-- ---------- Generated policies ----------
CREATE POLICY "habit_settings_owner" ON "habit_settings" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "habit_settings_worker_read" ON "habit_settings" AS PERMISSIVE FOR SELECT TO "mockroom_worker" USING (reminders_enabled);--> statement-breakpoint
CREATE POLICY "habit_settings_worker_update" ON "habit_settings" AS PERMISSIVE FOR UPDATE TO "mockroom_worker" USING (reminders_enabled) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "leaderboard_entries_owner" ON "leaderboard_entries" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());--> statement-breakpoint
CREATE POLICY "leaderboard_entries_habits_read" ON "leaderboard_entries" AS PERMISSIVE FOR SELECT TO "mockroom_habits" USING (true);--> statement-breakpoint
CREATE POLICY "user_achievements_owner" ON "user_achievements" AS PERMISSIVE FOR ALL TO "mockroom_app" USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
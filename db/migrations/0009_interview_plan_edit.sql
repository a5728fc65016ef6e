-- Hand-written (drizzle-kit expresses no grants; see 0001_rls.sql). The candidate edits their own
-- interview's plan, time box and provider stack on the pre-call page (api/src/routes/interview-plan.ts).
-- The interviews_owner policy keeps it to their own rows; the route to `scheduled` ones.
GRANT UPDATE (plan, time_box_seconds, stack, provider_settings) ON "interviews" TO mockroom_app;

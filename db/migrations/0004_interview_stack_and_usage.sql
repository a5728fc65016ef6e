ALTER TABLE "interviews" ADD COLUMN "stack" text;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "transport_ms" real;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "stt_audio_seconds" real;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "llm_prompt_tokens" integer;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "llm_completion_tokens" integer;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "tts_characters" integer;--> statement-breakpoint
ALTER TABLE "turn_metrics" ADD COLUMN "tts_audio_seconds" real;--> statement-breakpoint
-- Hand-added (drizzle-kit expresses no grants): the agent reads an interview's stack in its context,
-- like provider_settings (0001_rls.sql grants the agent's interview columns one by one).
GRANT SELECT (stack) ON interviews TO mockroom_agent;

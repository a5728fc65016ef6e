/**
 * Wire schemas shared by the API and the agent: dispatch metadata, the interview context the
 * agent fetches, and what the agent posts back (turns, metrics, end of call).
 * Pure zod, no I/O.
 */
import { z } from 'zod';
import { InterviewPlan, QuestionStatus } from './plan.js';

/** Name the agent worker registers under; tokens dispatch it explicitly. */
export const AGENT_NAME = 'recruiter';

/** Participant attribute/identity prefix for the candidate in a room. */
export const CANDIDATE_IDENTITY_PREFIX = 'cand_';

/** Text-stream topic the web client uses for typed answers (LiveKit's standard chat topic). */
export const CHAT_TOPIC = 'lk.chat';

export const DispatchMetadata = z.object({
  interviewId: z.string().uuid(),
});
export type DispatchMetadata = z.infer<typeof DispatchMetadata>;

// The value lists below are the one definition of these enums: db/schema types its columns with them.
export const SPEAKERS = ['candidate', 'recruiter'] as const;
export const Speaker = z.enum(SPEAKERS);
export type Speaker = z.infer<typeof Speaker>;

export const TURN_SOURCES = ['voice', 'typed'] as const;
export const TurnSource = z.enum(TURN_SOURCES);
export type TurnSource = z.infer<typeof TurnSource>;

export const MAX_TURN_TEXT_CHARS = 20_000;

/** A committed turn as the agent posts it. Idempotent by (interviewId, turnId). */
export const TurnInput = z.object({
  turnId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/),
  sequence: z.number().int().nonnegative(),
  speaker: Speaker,
  // Postgres text cannot hold NUL; a typed answer might carry one. Dropping it keeps the rest of
  // the answer, and keeps one bad character from failing the other turns batched in its insert.
  text: z.string().max(MAX_TURN_TEXT_CHARS).transform((s) => s.replaceAll('\u0000', '')),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  source: TurnSource.default('voice'),
  interrupted: z.boolean().default(false),
  /** The planned question this turn asks or answers, when known. */
  questionId: z.string().max(64).regex(/^[^\u0000]*$/, 'no NUL characters').nullish(),
});
export type TurnInput = z.infer<typeof TurnInput>;

/** A stored turn as the API returns it. */
export const TurnRecord = TurnInput.extend({
  id: z.string(),
  createdAt: z.iso.datetime(),
});
export type TurnRecord = z.infer<typeof TurnRecord>;

const ms = z.number().nonnegative().max(600_000).nullable();

/** Per-turn latency breakdown from the agent's metrics (milliseconds). */
export const TurnMetricsInput = z.object({
  turnId: z.string().min(1).max(128),
  endOfTurnDelayMs: ms,
  sttMs: ms,
  llmFirstTokenMs: ms,
  ttsFirstByteMs: ms,
  totalMs: ms,
  /** Absent when the agent does not measure it. */
  transportMs: ms.optional(),
  /** Usage of the reply, additive across turns: what the price table multiplies. Absent: not reported. */
  sttAudioSeconds: z.number().nonnegative().max(3_600).nullable().optional(),
  llmPromptTokens: z.number().int().nonnegative().max(10_000_000).nullable().optional(),
  llmCompletionTokens: z.number().int().nonnegative().max(10_000_000).nullable().optional(),
  ttsCharacters: z.number().int().nonnegative().max(1_000_000).nullable().optional(),
  ttsAudioSeconds: z.number().nonnegative().max(3_600).nullable().optional(),
  realtimeAudioSeconds: z.number().nonnegative().max(3_600).nullable().optional(),
});
export type TurnMetricsInput = z.infer<typeof TurnMetricsInput>;

/** candidate_ended: the candidate's own End; candidate_left: they left the room and did not come back in time. */
export const END_REASONS = ['completed', 'candidate_ended', 'candidate_left', 'time_box', 'error'] as const;
export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

export const InterviewEndInput = z.object({
  reason: EndReason,
  questionStatuses: z
    .array(z.object({ questionId: z.string().max(64), status: QuestionStatus }))
    .max(100)
    .default([]),
});
export type InterviewEndInput = z.infer<typeof InterviewEndInput>;

export const INTERVIEW_STATUSES = ['scheduled', 'live', 'ended', 'failed'] as const;
export const InterviewStatus = z.enum(INTERVIEW_STATUSES);
export type InterviewStatus = z.infer<typeof InterviewStatus>;

export const INTERVIEW_TYPES = ['behavioural', 'technical', 'role_specific', 'mixed'] as const;
export const InterviewType = z.enum(INTERVIEW_TYPES);
export type InterviewType = z.infer<typeof InterviewType>;

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'] as const;
export const Seniority = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof Seniority>;

/** Provider choice an interview may carry; names come from the agent's registry. */
export const ProviderOverride = z.object({
  stt: z.string().max(40).optional(),
  llm: z.string().max(40).optional(),
  tts: z.string().max(40).optional(),
  voice: z.string().max(80).optional(),
});
export type ProviderOverride = z.infer<typeof ProviderOverride>;

/** What GET /api/agent/interviews/:id/context returns to the agent. */
export const InterviewContext = z.object({
  interviewId: z.string().uuid(),
  status: InterviewStatus,
  candidateName: z.string(),
  company: z.string(),
  role: z.string(),
  seniority: Seniority,
  interviewType: InterviewType,
  timeBoxSeconds: z.number().int().positive(),
  plan: InterviewPlan,
  providers: ProviderOverride.nullable(),
  /** The named provider stack chosen for this interview (core/src/stacks.ts); null or absent: the worker's configured providers. */
  stack: z.string().max(64).nullish(),
  /** Turns already stored, so a job handed to another worker resumes where they left off. */
  turns: z.array(TurnRecord),
});
export type InterviewContext = z.infer<typeof InterviewContext>;

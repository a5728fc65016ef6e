/**
 * Response shapes of the HTTP API. The API's route definitions declare these as their response
 * schemas, its tests check every answer against them, and the web client's types are inferred
 * from those routes, so this file is the one place a response shape is written down.
 * Timestamps travel as ISO 8601 strings. Pure zod, no I/O.
 */
import { z } from 'zod';
import { AnalysisSchema } from './analysis.js';
import { InterviewPlan } from './plan.js';
import { Report } from './report.js';
import { EndReason, InterviewStatus, InterviewType, Seniority, TurnRecord } from './wire.js';

/** Opt-ins for product emails; security mail is always sent. */
export const EmailPreferences = z.object({ reportReady: z.boolean().optional() });
export type EmailPreferences = z.infer<typeof EmailPreferences>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  emailPreferences: EmailPreferences,
  /** Present while an account deletion waits out its grace period: when the purge is due. */
  deletionScheduledFor: z.iso.datetime().optional(),
});
export type User = z.infer<typeof User>;

export const UserResponse = z.object({ user: User });

export const Cv = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  text: z.string(),
  /** The first few hundred characters, whitespace collapsed. */
  summary: z.string(),
  updatedAt: z.iso.datetime(),
});
export type Cv = z.infer<typeof Cv>;

export const Application = z.object({
  id: z.string(),
  company: z.string(),
  role: z.string(),
  seniority: Seniority,
  interviewType: InterviewType,
  jobDescription: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Application = z.infer<typeof Application>;

export const ApplicationResponse = z.object({ application: Application });

export const AnalysisResponse = z.object({ analysis: AnalysisSchema });

export const Interview = z.object({
  id: z.string(),
  applicationId: z.string(),
  status: InterviewStatus,
  roomName: z.string(),
  plan: InterviewPlan,
  timeBoxSeconds: z.number().int().positive(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: EndReason.nullable(),
  createdAt: z.iso.datetime(),
  /** The named provider stack the interview runs on (core/src/stacks.ts); null: created before stacks. */
  stack: z.string().nullable(),
});
export type Interview = z.infer<typeof Interview>;

export const InterviewResponse = z.object({ interview: Interview });

/** One row of the history list: the interview with its application and latest overall score. */
export const InterviewSummary = z.object({
  id: z.string(),
  applicationId: z.string(),
  company: z.string(),
  role: z.string(),
  status: InterviewStatus,
  createdAt: z.iso.datetime(),
  overall: z.number().nullable(),
});
export type InterviewSummary = z.infer<typeof InterviewSummary>;

export const InterviewDetail = z.object({ interview: Interview, turns: z.array(TurnRecord) });
export type InterviewDetail = z.infer<typeof InterviewDetail>;

export const ReportStatus = z.enum(['pending', 'ready', 'failed']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** The preferred report (current scorer version, else the newest) and every version scored. */
export const ReportResponse = z.object({
  status: ReportStatus,
  report: Report.nullable(),
  reports: z.array(z.object({ version: z.string(), createdAt: z.iso.datetime() })),
});
export type ReportResponse = z.infer<typeof ReportResponse>;

/** LiveKit's standard token-endpoint shape. */
export const TokenResponse = z.object({ server_url: z.string(), participant_token: z.string() });
export type TokenResponse = z.infer<typeof TokenResponse>;

/** What the agent gets back for a posted turn. */
export const TurnResponse = z.object({ turn: TurnRecord });

// ---------- privacy (issue 16) ----------

/** A pending account deletion, or none. */
export const DeletionStatus = z.object({
  /** When everything will be deleted; null when no deletion is pending. */
  scheduledFor: z.iso.datetime().nullable(),
  /** This server's grace period, for the confirmation text before a request. */
  graceDays: z.number().int().nonnegative(),
});
export type DeletionStatus = z.infer<typeof DeletionStatus>;

/** What one interview was built from, kept with it until it is deleted. */
export const Dossier = z.object({
  interviewId: z.string(),
  company: z.string(),
  role: z.string(),
  /** The CV text as it was when the interview was created; null when there was no CV. */
  cvSnapshot: z.string().nullable(),
  /** The application's job description (the application is deleted with its interviews). */
  jobDescription: z.string(),
  analysis: AnalysisSchema.nullable(),
  plan: InterviewPlan,
  createdAt: z.iso.datetime(),
});
export type Dossier = z.infer<typeof Dossier>;

export const PrivacyStage = z.enum(['speech-to-text', 'interviewer', 'text-to-speech', 'email']);

/** The privacy page's facts, generated from the running configuration. */
export const PrivacyInfo = z.object({
  processors: z.array(
    z.object({
      stage: PrivacyStage,
      /** The configured provider name, e.g. "local" or "deepgram". */
      provider: z.string(),
      /** True when the data never leaves this server for this stage. */
      onThisServer: z.boolean(),
      /** The company the data is sent to; null when it stays on this server. */
      vendor: z.string().nullable(),
      /** One plain sentence, e.g. "Speech: sent to Deepgram for transcription." */
      sentence: z.string(),
    }),
  ),
  audioStored: z.literal(false),
  usedForTraining: z.literal(false),
  minimumAge: z.number().int(),
  retention: z.object({
    accountDeletionGraceDays: z.number().int(),
    analyticsEventsDays: z.number().int(),
    serverLogsDays: z.number().int(),
    /** The free tryout's keyed device/network hashes, and an unclaimed tryout with its report (TRYOUT_RETENTION_DAYS). */
    tryoutDays: z.number().int(),
  }),
});
export type PrivacyInfo = z.infer<typeof PrivacyInfo>;

/** The operator's usage page: sums of each event per UTC day. */
export const EventCounts = z.object({
  days: z.number().int(),
  counts: z.array(z.object({ day: z.string(), name: z.string(), count: z.number().int() })),
});
export type EventCounts = z.infer<typeof EventCounts>;

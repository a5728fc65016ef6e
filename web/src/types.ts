/**
 * Shapes the web client reads from the API. Wire types shared with the agent come from
 * `@mockroom/core` as type-only imports, so no schema code ends up in the bundle.
 */
import type { Analysis } from '@mockroom/core/analysis';
import type { InterviewPlan, InterviewStatus, InterviewType, Report, Seniority, TurnRecord } from '@mockroom/core';

export type { InterviewStatus, InterviewType, Report, Seniority, TurnRecord };

/** Email preferences are a flat map of opt-ins; unknown keys are shown as they come. */
export type EmailPreferences = Record<string, boolean>;

export interface User {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  emailPreferences?: EmailPreferences | null;
}

export interface ApplicationInput {
  company: string;
  role: string;
  seniority: Seniority;
  interviewType: InterviewType;
  jobDescription: string;
}

export interface Application extends ApplicationInput {
  id: string;
  createdAt?: string;
  updatedAt?: string;
}

/** `analyzeApplication` output from core; fields read defensively since the page only displays them. */
export type ApplicationAnalysis = Partial<Analysis>;

export interface Cv {
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  text: string;
  summary?: string | null;
  updatedAt: string;
}

export interface Interview {
  id: string;
  applicationId: string;
  status: InterviewStatus;
  timeBoxSeconds?: number;
  timeBoxMinutes?: number;
  plan?: InterviewPlan;
  createdAt: string;
  startedAt?: string | null;
  endedAt?: string | null;
  company?: string;
  role?: string;
}

export interface InterviewSummary {
  id: string;
  applicationId: string;
  company: string;
  role: string;
  status: InterviewStatus;
  createdAt: string;
  overall: number | null;
}

export interface InterviewDetail {
  interview: Interview;
  turns: TurnRecord[];
}

export interface ReportResponse {
  status: 'pending' | 'ready' | 'failed';
  report: Report | null;
  reports: { version: number; createdAt: string }[];
}

/** LiveKit's standard token-endpoint shape. */
export interface TokenResponse {
  server_url: string;
  participant_token: string;
}

export const SENIORITIES: readonly Seniority[] = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'];
export const INTERVIEW_TYPES: readonly { value: InterviewType; label: string }[] = [
  { value: 'mixed', label: 'Mixed' },
  { value: 'behavioural', label: 'Behavioural' },
  { value: 'technical', label: 'Technical' },
  { value: 'role_specific', label: 'Role-specific' },
];

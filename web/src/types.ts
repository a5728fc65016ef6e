/**
 * Names for the API's response shapes, all inferred from the API's routes through the typed
 * client (api.ts): nothing here is written by hand, so nothing here can drift from the server.
 */
import type { api } from './api.js';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type { ApplicationInput, ApplicationPatch, ProfilePatch } from './api.js';

export type User = Answer<typeof api.me>;
export type EmailPreferences = User['emailPreferences'];
export type Cv = NonNullable<Answer<typeof api.getCv>>;
export type Application = Answer<typeof api.getApplication>;
export type ApplicationAnalysis = Answer<typeof api.getAnalysis>;
export type Seniority = Application['seniority'];
export type InterviewType = Application['interviewType'];
export type Interview = Answer<typeof api.getInterview>['interview'];
export type InterviewStatus = Interview['status'];
export type InterviewSummary = Answer<typeof api.listInterviews>[number];
export type InterviewDetail = Answer<typeof api.getInterview>;
export type TurnRecord = InterviewDetail['turns'][number];
export type ReportResponse = Answer<typeof api.getReport>;
export type Report = NonNullable<ReportResponse['report']>;
export type TokenResponse = Answer<typeof api.getToken>;

/**
 * Client calls for habits, progress, the leaderboard and practise-again, typed from the API's routes
 * (api/src/routes/habits.ts) like api.ts: answer types are inferred, never written by hand.
 */
import { client, receive } from '../api.js';

const c = client.api;

export interface HabitSettingsInput {
  timeZone?: string;
  reminders?: { enabled: boolean; localTime?: string };
  leaderboard?: { optedIn: boolean; handle?: string };
}

export const habitsApi = {
  getHabits: () => receive(c.habits.$get()),
  getSettings: () => receive(c.habits.settings.$get()),
  putSettings: (input: HabitSettingsInput) => receive(c.habits.settings.$put({ json: input })),
  getLeaderboard: () => receive(c.leaderboard.$get()),
  getProgress: (applicationId?: string) => receive(c.progress.$get({ query: applicationId ? { applicationId } : {} })),
  practiseAgain: (interviewId: string, mode: 'same' | 'weak') => receive(c.interviews[':id']['practise-again'].$post({ param: { id: interviewId }, json: { mode } })).then((r) => r.interview),
  beforeAfter: (interviewId: string) => receive(c.interviews[':id']['before-after'].$get({ param: { id: interviewId } })),
};

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type Habits = Answer<typeof habitsApi.getHabits>;
export type HabitSettings = Answer<typeof habitsApi.getSettings>;
export type Leaderboard = Answer<typeof habitsApi.getLeaderboard>;
export type Progress = Answer<typeof habitsApi.getProgress>;
export type BeforeAfter = Answer<typeof habitsApi.beforeAfter>;

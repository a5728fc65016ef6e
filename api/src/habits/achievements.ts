/**
 * Achievements: each has a key, a title, the criterion in one sentence and a measure over the
 * user's completed interviews; earned when the measure reaches the target. Keys are stored per user
 * (user_achievements, unique), so awarding twice is a no-op. The criteria are listed in docs/habits.md.
 */
import { bestSevenDayCount } from './streaks.js';

export interface CompletedInterview {
  interviewId: string;
  applicationId: string;
  /** When the interview ended (the report's time when that is missing). */
  at: Date;
  /** Local day in the user's zone. */
  day: string;
  overall: number;
  dimensions: { key: string; label: string; score: number }[];
  /** Each planned question's outcome in the report. */
  questions: { questionId: string; text: string; status: string; assessment: string }[];
}

export interface HabitFacts {
  completed: CompletedInterview[];
  longestStreak: number;
}

export interface AchievementDefinition {
  key: string;
  title: string;
  description: string;
  target: number;
  measure(f: HabitFacts): number;
}

/** Bands a dimension rose by: a later score above the dimension's score in the first interview that scored it. */
export function bandsRaised(completed: readonly CompletedInterview[]): number {
  const first = new Map<string, number>();
  let best = 0;
  for (const iv of [...completed].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    for (const d of iv.dimensions) {
      const base = first.get(d.key);
      if (base === undefined) first.set(d.key, d.score);
      else best = Math.max(best, d.score - base);
    }
  }
  return best;
}

export const ACHIEVEMENTS: readonly AchievementDefinition[] = [
  { key: 'first_interview', title: 'First interview', description: 'Complete your first scored interview.', target: 1, measure: (f) => f.completed.length },
  { key: 'three_day_streak', title: 'Three-day streak', description: 'Practise on three days in a row, in your time zone.', target: 3, measure: (f) => f.longestStreak },
  {
    key: 'five_in_a_week',
    title: 'Five in a week',
    description: 'Complete five interviews within seven days in a row.',
    target: 5,
    measure: (f) => bestSevenDayCount(f.completed.map((c) => c.day)),
  },
  {
    key: 'band_up',
    title: 'Up a band',
    description: 'Score a rubric dimension at least one band (1 point of 5) higher than in your first interview.',
    target: 1,
    measure: (f) => bandsRaised(f.completed),
  },
  { key: 'seven_day_streak', title: 'Seven-day streak', description: 'Practise on seven days in a row, in your time zone.', target: 7, measure: (f) => f.longestStreak },
  { key: 'ten_interviews', title: 'Ten interviews', description: 'Complete ten scored interviews.', target: 10, measure: (f) => f.completed.length },
];

export const ACHIEVEMENT_BY_KEY = new Map(ACHIEVEMENTS.map((a) => [a.key, a]));

/** Keys whose criterion the facts meet. */
export function earnedKeys(f: HabitFacts): string[] {
  return ACHIEVEMENTS.filter((a) => a.measure(f) >= a.target).map((a) => a.key);
}

/** The achievements not yet held, with how far along the user is (capped at the target). */
export function nextAchievements(f: HabitFacts, held: ReadonlySet<string>): { key: string; title: string; description: string; progress: { current: number; target: number } }[] {
  return ACHIEVEMENTS.filter((a) => !held.has(a.key)).map((a) => ({
    key: a.key,
    title: a.title,
    description: a.description,
    progress: { current: Math.min(a.measure(f), a.target), target: a.target },
  }));
}

/**
 * Practice days and streaks (rules: docs/habits.md). A practice day is a calendar day in the user's
 * zone with at least one completed interview; the current streak counts back from today, or from
 * yesterday when today has no practice yet (the day is not over, so the streak has not broken).
 */
import { addDays, localDate, startOfLocalDay } from './time.js';

export interface Streak {
  current: number;
  longest: number;
  practisedToday: boolean;
  /** The user's local day the figures are for. */
  today: string;
  /** Last day of the current streak, or null when there is none. */
  lastDay: string | null;
  /** The instant the current streak lapses: the end of the day after its last day. Null with no streak. */
  validUntil: Date | null;
}

/** The distinct local days, ascending, of completion instants. */
export function practiceDays(completedAt: readonly Date[], timeZone: string): string[] {
  return [...new Set(completedAt.map((at) => localDate(at, timeZone)))].sort();
}

export function computeStreak(days: readonly string[], now: Date, timeZone: string): Streak {
  const today = localDate(now, timeZone);
  const set = new Set(days.filter((d) => d <= today));
  let longest = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of [...set].sort()) {
    run = prev !== null && addDays(prev, 1) === d ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  const practisedToday = set.has(today);
  const lastDay = practisedToday ? today : set.has(addDays(today, -1)) ? addDays(today, -1) : null;
  let current = 0;
  if (lastDay) for (let d = lastDay; set.has(d); d = addDays(d, -1)) current++;
  return { current, longest, practisedToday, today, lastDay, validUntil: lastDay ? startOfLocalDay(addDays(lastDay, 2), timeZone) : null };
}

/** The most completions within any seven consecutive local days. */
export function bestSevenDayCount(completedDays: readonly string[]): number {
  const sorted = [...completedDays].sort();
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! < addDays(sorted[end]!, -6)) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

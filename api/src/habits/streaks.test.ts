import { describe, expect, it } from 'vitest';
import { bandsRaised, earnedKeys, nextAchievements, type CompletedInterview } from './achievements.js';
import { bestSevenDayCount, computeStreak, practiceDays } from './streaks.js';
import { isoWeekStartUtc, localDate, localTime, startOfLocalDay, toValidTimeZone } from './time.js';

const at = (iso: string) => new Date(iso);

describe('time zone helpers', () => {
  it('accepts IANA zone names and refuses offsets, abbreviations and unknown names', () => {
    expect(toValidTimeZone('Europe/London')).toBe('Europe/London');
    expect(toValidTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(toValidTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus_Mons', '+02:00', 'CET ', 'Europe/London; drop table', '', 'x'.repeat(80)]) expect(toValidTimeZone(bad)).toBeNull();
  });

  it('puts 23:30 local time on that local day, across the spring DST change', () => {
    // New York moved from EST (UTC-5) to EDT (UTC-4) on 2026-03-08.
    expect(localDate(at('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localTime(at('2026-03-08T04:30:00Z'), 'America/New_York')).toBe('23:30');
    expect(localDate(at('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localTime(at('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('23:30');
  });

  it('finds the first instant of a local day on both sides of a DST change', () => {
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalDay('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts the ISO week on Monday in UTC', () => {
    expect(isoWeekStartUtc(at('2026-11-29T23:59:00Z'))).toBe('2026-11-23');
    expect(isoWeekStartUtc(at('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
  });
});

describe('computeStreak', () => {
  const evenings = [at('2026-03-08T04:30:00Z'), at('2026-03-09T03:30:00Z'), at('2026-03-10T03:30:00Z')];

  it('counts 23:30 local completions on three local days across DST as a three-day streak', () => {
    const tz = 'America/New_York';
    const s = computeStreak(practiceDays(evenings, tz), at('2026-03-10T13:00:00Z'), tz);
    expect(s).toMatchObject({ current: 3, longest: 3, practisedToday: false, today: '2026-03-10', lastDay: '2026-03-09' });
    // The streak lapses when the local day after its last day ends (midnight EDT = 04:00 UTC).
    expect(s.validUntil?.toISOString()).toBe('2026-03-11T04:00:00.000Z');
  });

  it('gives a different answer in another zone for the same instants', () => {
    // One evening in New York and the next afternoon: two local days there, one UTC day.
    const times = [at('2026-06-01T00:30:00Z'), at('2026-06-01T23:30:00Z')];
    expect(computeStreak(practiceDays(times, 'America/New_York'), at('2026-06-02T01:00:00Z'), 'America/New_York')).toMatchObject({ current: 2, practisedToday: true });
    expect(computeStreak(practiceDays(times, 'UTC'), at('2026-06-02T01:00:00Z'), 'UTC')).toMatchObject({ current: 1, practisedToday: false, longest: 1 });
  });

  it('breaks the current streak after a day without practice but keeps the longest', () => {
    const tz = 'UTC';
    const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-06'];
    expect(computeStreak(days, at('2026-01-06T10:00:00Z'), tz)).toMatchObject({ current: 1, longest: 3, practisedToday: true });
    expect(computeStreak(days, at('2026-01-08T10:00:00Z'), tz)).toMatchObject({ current: 0, longest: 3, practisedToday: false, validUntil: null });
  });
});

function completed(day: string, dims: Record<string, number>): CompletedInterview {
  return {
    interviewId: `iv-${day}-${Math.random()}`,
    applicationId: 'app',
    at: at(`${day}T12:00:00Z`),
    day,
    overall: 60,
    dimensions: Object.entries(dims).map(([key, score]) => ({ key, label: key, score })),
    questions: [],
  };
}

describe('achievements', () => {
  it('awards the first interview on one completion and lists the rest with progress', () => {
    const f = { completed: [completed('2026-01-01', { clarity: 2 })], longestStreak: 1 };
    expect(earnedKeys(f)).toEqual(['first_interview']);
    const next = nextAchievements(f, new Set(['first_interview']));
    expect(next.find((n) => n.key === 'three_day_streak')?.progress).toEqual({ current: 1, target: 3 });
    expect(next.some((n) => n.key === 'first_interview')).toBe(false);
  });

  it('counts five within seven days in a row, not five spread over two weeks', () => {
    expect(bestSevenDayCount(['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-07', '2026-01-07'])).toBe(5);
    expect(bestSevenDayCount(['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-08', '2026-01-09'])).toBe(3);
  });

  it('raises a band only when a dimension beats its own first score', () => {
    expect(bandsRaised([completed('2026-01-01', { clarity: 2, depth: 4 }), completed('2026-01-02', { clarity: 2, depth: 3 })])).toBe(0);
    const up = [completed('2026-01-01', { clarity: 2 }), completed('2026-01-03', { clarity: 3 })];
    expect(bandsRaised(up)).toBe(1);
    expect(earnedKeys({ completed: up, longestStreak: 1 })).toContain('band_up');
  });
});

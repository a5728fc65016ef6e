/**
 * Progress over time from completed interviews (incomplete reports stay out, as on the dashboard):
 * the overall score, each rubric dimension (1–5) and each skill the plan's questions probe, each
 * point dated; and the before/after of a question answered again (matched by its text, which a
 * copied plan keeps, so "practise again" lines up with the interview it came from).
 */
import type { CompletedInterview } from './achievements.js';

/** A question's outcome as a 0–100 value for the skill chart: answered in full counts 100, a thin answer 50. */
export const SKILL_STATUS_VALUE: Readonly<Record<string, number>> = { answered: 100, insufficient: 50, interrupted: 0, skipped: 0 };

/** Questions worth practising again: answered thinly, cut off or skipped. */
export const WEAK_STATUSES: ReadonlySet<string> = new Set(['insufficient', 'interrupted', 'skipped']);

export interface PlanQuestionLite {
  id: string;
  text: string;
  skill?: string | null;
  competency?: string;
}

export interface DatedPoint {
  interviewId: string;
  completedAt: string;
  day: string;
  score: number;
}

export function dimensionSeries(completed: readonly CompletedInterview[]): { key: string; label: string; points: DatedPoint[] }[] {
  const by = new Map<string, { key: string; label: string; points: DatedPoint[] }>();
  for (const iv of completed) {
    for (const d of iv.dimensions) {
      const series = by.get(d.key) ?? { key: d.key, label: d.label, points: [] };
      series.points.push({ interviewId: iv.interviewId, completedAt: iv.at.toISOString(), day: iv.day, score: d.score });
      by.set(d.key, series);
    }
  }
  return [...by.values()];
}

/** Per skill (the question's skill, else its competency), the mean value of its questions in each interview. */
export function skillSeries(completed: readonly CompletedInterview[], plans: ReadonlyMap<string, readonly PlanQuestionLite[]>): { skill: string; points: DatedPoint[] }[] {
  const by = new Map<string, DatedPoint[]>();
  for (const iv of completed) {
    const plan = new Map((plans.get(iv.interviewId) ?? []).map((q) => [q.id, q]));
    const sums = new Map<string, { total: number; n: number }>();
    for (const q of iv.questions) {
      const value = SKILL_STATUS_VALUE[q.status];
      const pq = plan.get(q.questionId);
      const skill = (pq?.skill || pq?.competency || '').trim().toLowerCase();
      if (value === undefined || !skill) continue;
      const s = sums.get(skill) ?? { total: 0, n: 0 };
      s.total += value;
      s.n++;
      sums.set(skill, s);
    }
    for (const [skill, s] of sums) {
      const points = by.get(skill) ?? [];
      points.push({ interviewId: iv.interviewId, completedAt: iv.at.toISOString(), day: iv.day, score: Math.round(s.total / s.n) });
      by.set(skill, points);
    }
  }
  return [...by.entries()].map(([skill, points]) => ({ skill, points })).sort((a, b) => b.points.length - a.points.length || a.skill.localeCompare(b.skill));
}

/** Lower-case words only: the same question copied or retyped with other spacing or punctuation matches. */
export function questionKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface BeforeAfterItem {
  questionId: string;
  text: string;
  before: { interviewId: string; completedAt: string; status: string; assessment: string };
  after: { status: string; assessment: string } | null;
}

/**
 * For each question of `current`'s plan answered in an earlier completed interview, the latest
 * earlier outcome and this interview's (null until it is scored).
 */
export function beforeAfter(
  current: { interviewId: string; createdAt: Date; plan: readonly PlanQuestionLite[] },
  completed: readonly CompletedInterview[],
): BeforeAfterItem[] {
  const mine = completed.find((c) => c.interviewId === current.interviewId) ?? null;
  const earlier = completed.filter((c) => c.interviewId !== current.interviewId && c.at.getTime() < (mine?.at ?? current.createdAt).getTime());
  const items: BeforeAfterItem[] = [];
  for (const q of current.plan) {
    const key = questionKey(q.text);
    let before: BeforeAfterItem['before'] | null = null;
    for (const iv of earlier) {
      const hit = iv.questions.find((x) => questionKey(x.text) === key && x.status !== 'not_asked');
      if (hit) before = { interviewId: iv.interviewId, completedAt: iv.at.toISOString(), status: hit.status, assessment: hit.assessment };
    }
    if (!before) continue;
    const now = mine?.questions.find((x) => x.questionId === q.id) ?? null;
    items.push({ questionId: q.id, text: q.text, before, after: now ? { status: now.status, assessment: now.assessment } : null });
  }
  return items;
}

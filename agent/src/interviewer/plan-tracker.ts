/**
 * Where the interview stands against its plan: which question is live, what each one came to,
 * when the call started and why it ended. One tracker per interview, driven by whichever
 * interviewer conducts it (the rule brain's decisions, or an LLM's `next_question` and
 * `end_interview` tools), and read by the job for turn tags and the end-of-call record.
 *
 * Pure state with an injected clock; no framework types.
 */
import type { EndReason, InterviewPlan, PlanQuestion, QuestionStatus, TurnRecord } from '@mockroom/core';

/** Follow-ups asked per planned question, at most (a resumed question counts its repeats). */
export const MAX_FOLLOW_UPS = 2;

export interface QuestionProgress {
  asked: boolean;
  followUps: number;
  /** Everything the candidate said to this question so far. */
  answerText: string;
  status: QuestionStatus | null;
}

export class PlanTracker {
  readonly plan: InterviewPlan;
  private readonly now: () => number;
  private startedAt: number | null = null;
  private startedFlag = false;
  private resumedFlag = false;
  private currentIndex = 0;
  private readonly progress: QuestionProgress[];
  private endReason: EndReason | null = null;

  constructor(plan: InterviewPlan, now: () => number = Date.now) {
    this.plan = plan;
    this.now = now;
    this.progress = plan.questions.map(() => ({ asked: false, followUps: 0, answerText: '', status: null }));
  }

  get started(): boolean {
    return this.startedFlag;
  }

  /** Whether the tracker was rebuilt from stored turns (a job taking over a call). */
  get resumed(): boolean {
    return this.resumedFlag;
  }

  get ended(): EndReason | null {
    return this.endReason;
  }

  /** Index of the live question; equals the plan's length once every question is behind. */
  get index(): number {
    return this.currentIndex;
  }

  get currentQuestion(): PlanQuestion | null {
    if (this.endReason || !this.startedFlag) return null;
    return this.plan.questions[this.currentIndex] ?? null;
  }

  /** The planned question a turn committed now belongs to. */
  get currentQuestionId(): string | null {
    return this.currentQuestion?.id ?? null;
  }

  get elapsedMs(): number {
    return this.startedAt === null ? 0 : this.now() - this.startedAt;
  }

  progressOf(i: number): QuestionProgress {
    return this.progress[i]!;
  }

  /** The interview opens: the clock starts and the first question is asked. */
  start(): void {
    if (this.startedFlag) return;
    this.startedFlag = true;
    this.startedAt = this.now();
    if (this.progress[0]) this.progress[0].asked = true;
  }

  /** Records how question `i` went; the first status recorded for a question stands. */
  settle(i: number, status: QuestionStatus): void {
    const p = this.progress[i];
    if (p && !p.status) p.status = status;
  }

  /** Moves past the live question; returns the next one (not yet marked asked), or null when the plan is done. */
  advance(): PlanQuestion | null {
    this.currentIndex += 1;
    return this.plan.questions[this.currentIndex] ?? null;
  }

  markAsked(i: number): void {
    const p = this.progress[i];
    if (p) p.asked = true;
  }

  /** The call is over; the first reason recorded stands. */
  end(reason: EndReason): void {
    if (!this.endReason) this.endReason = reason;
  }

  /**
   * Rebuilds progress from turns already stored, so a job handed to another worker carries on
   * from the question the candidate was on. Returns whether there was a call to resume.
   */
  resumeFrom(turns: readonly TurnRecord[]): boolean {
    const ordered = [...turns].sort((a, b) => a.sequence - b.sequence);
    if (!ordered.some((t) => t.speaker === 'recruiter')) return false;
    this.startedFlag = true;
    this.resumedFlag = true;
    const firstAt = Date.parse(ordered[0]!.startedAt);
    this.startedAt = Number.isFinite(firstAt) ? Math.min(firstAt, this.now()) : this.now();
    for (const turn of ordered) {
      const idx = this.plan.questions.findIndex((q) => q.id === turn.questionId);
      if (idx < 0) continue;
      const p = this.progress[idx]!;
      if (turn.speaker === 'recruiter') {
        if (idx > this.currentIndex) {
          for (let i = this.currentIndex; i < idx; i++) this.settle(i, 'skipped');
          this.currentIndex = idx;
        }
        if (p.asked) p.followUps = Math.min(MAX_FOLLOW_UPS, p.followUps + 1);
        p.asked = true;
      } else {
        p.answerText = `${p.answerText} ${turn.text}`.trim();
      }
    }
    return true;
  }

  /** Status of every planned question, for the end-of-call record. */
  questionStatuses(): { questionId: string; status: QuestionStatus }[] {
    return this.plan.questions.map((q, i) => {
      const p = this.progress[i]!;
      if (p.status) return { questionId: q.id, status: p.status };
      if (!p.asked) return { questionId: q.id, status: 'not_asked' as const };
      return { questionId: q.id, status: 'interrupted' as const };
    });
  }
}

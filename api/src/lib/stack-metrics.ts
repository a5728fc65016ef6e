/**
 * Stored turn metrics (turn_metrics rows) into the metrics answers: one interview's stage
 * latencies, usage and cost, and the per-stack comparison over the signed-in user's interviews.
 * The arithmetic is core's (core/src/stack-metrics.ts); this file only maps rows and times.
 */
import { compareStacks, costOf, minutesBetween, stageLatencies, usageTotals, type InterviewMetricsResponse, type TurnMetricsRow } from '@mockroom/core/stack-metrics';
import { getStack, type PriceTable } from '@mockroom/core/stacks';
import type { turnMetrics } from '@mockroom/db/schema';

type MetricsRow = typeof turnMetrics.$inferSelect;

function toRow(r: MetricsRow): TurnMetricsRow {
  return {
    endOfTurnDelayMs: r.endOfTurnDelayMs,
    sttMs: r.sttMs,
    llmFirstTokenMs: r.llmFirstTokenMs,
    ttsFirstByteMs: r.ttsFirstByteMs,
    transportMs: r.transportMs,
    totalMs: r.totalMs,
    sttAudioSeconds: r.sttAudioSeconds,
    llmPromptTokens: r.llmPromptTokens,
    llmCompletionTokens: r.llmCompletionTokens,
    ttsCharacters: r.ttsCharacters,
    ttsAudioSeconds: r.ttsAudioSeconds,
    realtimeAudioSeconds: r.realtimeAudioSeconds,
  };
}

interface InterviewTimes {
  stack: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** An open call counts up to now; one that never started has no length. */
function minutesOf(iv: InterviewTimes, now: Date): number | null {
  return minutesBetween(iv.startedAt, iv.endedAt ?? (iv.startedAt ? now : null));
}

export function toInterviewMetrics(interviewId: string, iv: InterviewTimes, rows: MetricsRow[], prices: PriceTable, now: Date): InterviewMetricsResponse {
  const metrics = rows.map(toRow);
  const stack = iv.stack ? getStack(iv.stack) : null;
  const minutes = minutesOf(iv, now);
  return {
    interviewId,
    stack: stack ? { id: stack.id, name: stack.name } : null,
    durationMinutes: minutes === null ? null : Math.round(minutes * 100) / 100,
    turns: rows.map((r) => ({
      turnId: r.turnId,
      endOfTurnDelayMs: r.endOfTurnDelayMs,
      sttMs: r.sttMs,
      llmFirstTokenMs: r.llmFirstTokenMs,
      ttsFirstByteMs: r.ttsFirstByteMs,
      transportMs: r.transportMs,
      totalMs: r.totalMs,
      createdAt: r.createdAt.toISOString(),
    })),
    stages: stageLatencies(metrics),
    usage: usageTotals(metrics),
    cost: stack ? costOf(stack.id, metrics, prices, minutes) : null,
  };
}

/** The comparison per stack; only ended interviews count minutes (an open call's length is still growing). */
export function toStackComparison(ivs: (InterviewTimes & { id: string })[], rows: MetricsRow[], prices: PriceTable) {
  const byInterview = new Map<string, TurnMetricsRow[]>();
  for (const r of rows) byInterview.set(r.interviewId, [...(byInterview.get(r.interviewId) ?? []), toRow(r)]);
  return compareStacks(
    ivs.map((iv) => ({ stackId: iv.stack, minutes: minutesBetween(iv.startedAt, iv.endedAt), rows: byInterview.get(iv.id) ?? [] })),
    prices,
  );
}

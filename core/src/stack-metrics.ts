/**
 * Latency and cost per interview and per provider stack, from the per-turn metrics the agent
 * posts (turn_metrics): p50/p95 per stage, usage totals, cost from a price table
 * (core/src/stacks.ts), cost per interview minute. Also the response shapes of the routes that
 * serve them, so the API declares and the web client infers one definition. Pure, no I/O.
 */
import { z } from 'zod';
import { getStack, PRICE_UNITS, STAGES, stackProviders, usageCostUsd, type PriceTable, type Stage, type StageUsage } from './stacks.js';

/** The latency stages of one recruiter reply, in the order they happen, and the metric field each is read from. */
export const LATENCY_STAGES = [
  { stage: 'end_of_turn', field: 'endOfTurnDelayMs', label: 'End of turn' },
  { stage: 'stt', field: 'sttMs', label: 'STT final' },
  { stage: 'llm', field: 'llmFirstTokenMs', label: 'LLM first token' },
  { stage: 'tts', field: 'ttsFirstByteMs', label: 'TTS first audio' },
  { stage: 'transport', field: 'transportMs', label: 'Transport' },
  { stage: 'total', field: 'totalMs', label: 'Agent total' },
] as const;
export type LatencyStage = (typeof LATENCY_STAGES)[number]['stage'];
export const LatencyStageName = z.enum(LATENCY_STAGES.map((s) => s.stage) as [LatencyStage, ...LatencyStage[]]);

/** One stored turn_metrics row as these functions read it (milliseconds; usage additive). */
export interface TurnMetricsRow {
  endOfTurnDelayMs: number | null;
  sttMs: number | null;
  llmFirstTokenMs: number | null;
  ttsFirstByteMs: number | null;
  transportMs: number | null;
  totalMs: number | null;
  sttAudioSeconds: number | null;
  llmPromptTokens: number | null;
  llmCompletionTokens: number | null;
  ttsCharacters: number | null;
  ttsAudioSeconds: number | null;
  realtimeAudioSeconds?: number | null;
}

/**
 * Percentile by linear interpolation between closest ranks (numpy's default), so the p50 of an
 * even-sized sample is the midpoint of the two middles. Null for an empty sample: a missing
 * measurement must not read as 0 ms.
 */
export function percentile(values: readonly number[], p: number): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (rank - lo);
}

export const StageLatency = z.object({
  stage: LatencyStageName,
  label: z.string(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  /** Turns that reported this stage. */
  n: z.number().int().nonnegative(),
});
export type StageLatency = z.infer<typeof StageLatency>;

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** p50 and p95 of every latency stage over some turns (a stage no turn reported has n = 0 and null percentiles). */
export function stageLatencies(rows: readonly TurnMetricsRow[]): StageLatency[] {
  return LATENCY_STAGES.map(({ stage, field, label }) => {
    const xs = rows.map((r) => r[field]).filter((x): x is number => x !== null && x !== undefined && Number.isFinite(x));
    return { stage, label, p50Ms: round1(percentile(xs, 50)), p95Ms: round1(percentile(xs, 95)), n: xs.length };
  });
}

export const UsageTotals = z.object({
  sttAudioSeconds: z.number(),
  llmPromptTokens: z.number().int(),
  llmCompletionTokens: z.number().int(),
  ttsCharacters: z.number().int(),
  ttsAudioSeconds: z.number(),
  realtimeAudioSeconds: z.number(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

const USAGE_FIELDS = ['sttAudioSeconds', 'llmPromptTokens', 'llmCompletionTokens', 'ttsCharacters', 'ttsAudioSeconds', 'realtimeAudioSeconds'] as const;

/** Usage summed over turns (a turn that did not report a field adds nothing to it). */
export function usageTotals(rows: readonly TurnMetricsRow[]): UsageTotals {
  const t: UsageTotals = { sttAudioSeconds: 0, llmPromptTokens: 0, llmCompletionTokens: 0, ttsCharacters: 0, ttsAudioSeconds: 0, realtimeAudioSeconds: 0 };
  for (const r of rows) for (const f of USAGE_FIELDS) t[f] += r[f] ?? 0;
  t.sttAudioSeconds = Math.round(t.sttAudioSeconds * 100) / 100;
  t.ttsAudioSeconds = Math.round(t.ttsAudioSeconds * 100) / 100;
  t.realtimeAudioSeconds = Math.round(t.realtimeAudioSeconds * 100) / 100;
  return t;
}

/** The usage field whose amount a stage's price multiplies. */
const USAGE_OF_STAGE: Record<Stage, (typeof USAGE_FIELDS)[number]> = {
  stt: 'sttAudioSeconds',
  llm: 'llmPromptTokens',
  tts: 'ttsCharacters',
  realtime: 'realtimeAudioSeconds',
};

export const StageName = z.enum(STAGES);

export const CostBreakdown = z.object({
  currency: z.literal('USD'),
  totalUsd: z.number(),
  byStage: z.partialRecord(StageName, z.number()),
  /** Cost divided by the interview's minutes; null when its length is unknown. */
  perMinuteUsd: z.number().nullable(),
  /** Priced stages for which no turn reported usage: the total leaves them out. */
  missingUsage: z.array(StageName),
});
export type CostBreakdown = z.infer<typeof CostBreakdown>;

/** Cost of some usage on a stack under a price table, per minute over `minutes`; null for an unknown stack. */
export function costOf(stackId: string, rows: readonly TurnMetricsRow[], prices: PriceTable, minutes: number | null): CostBreakdown | null {
  const stack = getStack(stackId);
  if (!stack) return null;
  const totals = usageTotals(rows);
  const usage: StageUsage = totals;
  const cost = usageCostUsd(stackId, usage, prices);
  if (!cost) return null;
  const missingUsage: Stage[] = [];
  for (const [stage, providerId] of Object.entries(stackProviders(stack)) as [Stage, string][]) {
    const price = (prices as Record<string, Partial<Record<Stage, { unit: string }>> | undefined>)[providerId]?.[stage];
    const priced = price !== undefined && price.unit !== 'none';
    const reported = rows.some((r) => r[USAGE_OF_STAGE[stage]] !== null && r[USAGE_OF_STAGE[stage]] !== undefined);
    if (priced && rows.length > 0 && !reported) missingUsage.push(stage);
  }
  const byStage: Partial<Record<Stage, number>> = {};
  for (const [stage, usd] of Object.entries(cost.byStage) as [Stage, number][]) byStage[stage] = roundUsd(usd);
  return {
    currency: 'USD',
    totalUsd: roundUsd(cost.total),
    byStage,
    perMinuteUsd: minutes !== null && minutes > 0 ? roundUsd(cost.total / minutes) : null,
    missingUsage,
  };
}

/** Sub-cent amounts matter when comparing stacks: six decimals (a millionth of a dollar). */
function roundUsd(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Minutes between two instants, or null when either is unknown or they are out of order. */
export function minutesBetween(start: Date | null, end: Date | null): number | null {
  if (!start || !end) return null;
  const ms = end.getTime() - start.getTime();
  return ms > 0 ? ms / 60_000 : null;
}

export const TurnLatency = z.object({
  turnId: z.string(),
  endOfTurnDelayMs: z.number().nullable(),
  sttMs: z.number().nullable(),
  llmFirstTokenMs: z.number().nullable(),
  ttsFirstByteMs: z.number().nullable(),
  transportMs: z.number().nullable(),
  totalMs: z.number().nullable(),
  createdAt: z.iso.datetime(),
});

/** GET /api/interviews/{id}/metrics. */
export const InterviewMetricsResponse = z.object({
  interviewId: z.string(),
  /** The stack the interview ran on; null for interviews from before stacks. */
  stack: z.object({ id: z.string(), name: z.string() }).nullable(),
  durationMinutes: z.number().nullable(),
  turns: z.array(TurnLatency),
  stages: z.array(StageLatency),
  usage: UsageTotals,
  /** Null when the interview has no stack to price. */
  cost: CostBreakdown.nullable(),
});
export type InterviewMetricsResponse = z.infer<typeof InterviewMetricsResponse>;

/** One stack's figures over a set of interviews. */
export const StackComparisonRow = z.object({
  stackId: z.string(),
  name: z.string(),
  interviews: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  /** Summed length of the interviews whose start and end are known. */
  minutes: z.number(),
  stages: z.array(StageLatency),
  costUsd: z.number(),
  /** Cost over the summed minutes; null when no interview has a known length. */
  costPerMinuteUsd: z.number().nullable(),
  missingUsage: z.array(StageName),
});
export type StackComparisonRow = z.infer<typeof StackComparisonRow>;

/** One interview's stored metrics as the comparison groups them. */
export interface InterviewMetrics {
  stackId: string | null;
  minutes: number | null;
  rows: readonly TurnMetricsRow[];
}

/** Groups interviews by stack: p50/p95 per stage over all their turns, cost in total and per interview minute. */
export function compareStacks(interviews: readonly InterviewMetrics[], prices: PriceTable): StackComparisonRow[] {
  const byStack = new Map<string, InterviewMetrics[]>();
  for (const iv of interviews) {
    if (!iv.stackId || !getStack(iv.stackId)) continue;
    byStack.set(iv.stackId, [...(byStack.get(iv.stackId) ?? []), iv]);
  }
  const out: StackComparisonRow[] = [];
  for (const [stackId, ivs] of byStack) {
    const rows = ivs.flatMap((iv) => iv.rows);
    // Cost per minute only over interviews with a known length, so an open call does not deflate it.
    const timed = ivs.filter((iv) => iv.minutes !== null);
    const minutes = timed.reduce((a, iv) => a + (iv.minutes ?? 0), 0);
    const all = costOf(stackId, rows, prices, null);
    const timedCost = costOf(stackId, timed.flatMap((iv) => iv.rows), prices, minutes);
    out.push({
      stackId,
      name: getStack(stackId)!.name,
      interviews: ivs.length,
      turns: rows.length,
      minutes: Math.round(minutes * 100) / 100,
      stages: stageLatencies(rows),
      costUsd: all?.totalUsd ?? 0,
      costPerMinuteUsd: timedCost?.perMinuteUsd ?? null,
      missingUsage: all?.missingUsage ?? [],
    });
  }
  return out.sort((a, b) => a.stackId.localeCompare(b.stackId));
}

/** GET /api/stacks/comparison: the signed-in user's own interviews, grouped by stack. */
export const StackComparisonResponse = z.object({
  scope: z.literal('own'),
  stacks: z.array(StackComparisonRow),
});

export const StackStage = z.object({
  stage: StageName,
  providerId: z.string(),
  providerName: z.string(),
  hosting: z.enum(['hosted', 'in-process']),
  model: z.string().nullable(),
  sampleRateHz: z.number().nullable(),
  streaming: z.boolean(),
  price: z.object({ unit: z.enum(PRICE_UNITS), usd: z.number(), outputUsd: z.number().nullable() }),
});

export const StackDescription = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['pipeline', 'realtime']),
  /** In the operator's allow-list (INTERVIEW_STACKS). */
  allowed: z.boolean(),
  /** Allowed and runnable now: an interview may pick it. */
  available: z.boolean(),
  /** Environment variable names the stack still needs (never values). */
  missingEnv: z.array(z.string()),
  isDefault: z.boolean(),
  stages: z.array(StackStage),
});
export type StackDescription = z.infer<typeof StackDescription>;

/** GET /api/stacks: every known stack, whether this server offers it, and what it costs. */
export const StacksResponse = z.object({
  defaultStack: z.string().nullable(),
  stacks: z.array(StackDescription),
  /** Names in INTERVIEW_STACKS that are no stack (a typo), so the developer page can say so. */
  unknownInAllowList: z.array(z.string()),
});
export type StacksResponse = z.infer<typeof StacksResponse>;

/**
 * Client calls for provider stacks and call metrics, typed from the API's routes like api.ts (kept
 * apart so the stacks pages own their calls). Answer types are inferred, never written by hand.
 */
import { client, receive } from './api.js';

const c = client.api;

export const stacksApi = {
  listStacks: () => receive(c.stacks.$get()),
  compareStacks: () => receive(c.stacks.comparison.$get()),
  getInterviewMetrics: (interviewId: string, signal?: AbortSignal) =>
    receive(c.interviews[':id'].metrics.$get({ param: { id: interviewId } }, signal ? { init: { signal } } : undefined)),
};

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type StacksAnswer = Answer<typeof stacksApi.listStacks>;
export type StackItem = StacksAnswer['stacks'][number];
export type StackComparison = Answer<typeof stacksApi.compareStacks>;
export type InterviewMetrics = Answer<typeof stacksApi.getInterviewMetrics>;

/** USD with enough places for sub-cent figures (an offline call is exactly $0). */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0.00';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(usd >= 0.01 ? 3 : 5)}`;
}

export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${Math.round(ms)} ms`;
}

/** A price as its unit reads: "$0.0077 per audio minute". */
export function formatPrice(p: { unit: string; usd: number; outputUsd: number | null }): string {
  switch (p.unit) {
    case 'none':
      return 'no fee (runs on this server)';
    case 'audio_minute':
      return `$${p.usd} per audio minute`;
    case 'thousand_characters':
      return `$${p.usd} per 1,000 characters`;
    case 'million_tokens':
      return p.outputUsd !== null && p.outputUsd !== p.usd ? `$${p.usd} in / $${p.outputUsd} out per 1M tokens` : `$${p.usd} per 1M tokens`;
    default:
      return `$${p.usd}`;
  }
}

/**
 * Turns the session's conversation items into the API's turn records: one sequence per interview
 * (continuing after resumed turns), an idempotent turn id per job and sequence, typed answers
 * tagged as typed, the planned question each turn belongs to, and the latency parts of every
 * recruiter reply (from the framework's metrics events) as its metrics record.
 */
import type { llm } from '@livekit/agents';
import type { TurnInput, TurnMetricsInput } from '@mockroom/core';
import type { AgentApiClient } from './api-client.js';

/** Tracks committed turns and the metrics that belong to them. */
export class TurnRecorder {
  private sequence: number;
  private readonly typedTexts: string[] = [];
  /** Latency parts of the reply being produced, filled by metrics events. */
  private pending: { eouMs: number | null; sttMs: number | null; llmMs: number | null; ttsMs: number | null } = {
    eouMs: null,
    sttMs: null,
    llmMs: null,
    ttsMs: null,
  };

  constructor(
    private readonly interviewId: string,
    private readonly jobId: string,
    startSequence: number,
    private readonly client: Pick<AgentApiClient, 'postTurn' | 'postMetrics'>,
    private readonly currentQuestionId: () => string | null,
  ) {
    this.sequence = startSequence;
  }

  /** A typed answer arrived on the chat stream; its user turn is tagged as typed. */
  noteTyped(text: string): void {
    this.typedTexts.push(text.trim());
  }

  onMetrics(m: { type: string } & Record<string, unknown>): void {
    if (m.type === 'eou_metrics') {
      this.pending = { eouMs: m.endOfUtteranceDelayMs as number, sttMs: m.transcriptionDelayMs as number, llmMs: null, ttsMs: null };
    } else if (m.type === 'llm_metrics' && this.pending.llmMs === null) {
      this.pending.llmMs = m.ttftMs as number;
    } else if (m.type === 'tts_metrics' && this.pending.ttsMs === null) {
      this.pending.ttsMs = m.ttfbMs as number;
    }
  }

  /** Called for every conversation item; posts user and assistant messages as turns. */
  onItem(item: llm.ChatMessage | llm.AgentHandoffItem): Promise<void> | null {
    if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) return null;
    const text = (item.textContent ?? '').trim();
    if (text === '') return null;
    const sequence = this.sequence++;
    const turnId = `${this.jobId}-${sequence}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);
    const typedAt = item.role === 'user' ? this.typedTexts.indexOf(text) : -1;
    if (typedAt >= 0) this.typedTexts.splice(typedAt, 1);
    const m = item.metrics ?? {};
    const startedMs = (m.startedSpeakingAt ?? item.createdAt / 1000) * 1000;
    const endedMs = Math.max(startedMs, (m.stoppedSpeakingAt ?? Date.now() / 1000) * 1000);
    const turn: TurnInput = {
      turnId,
      sequence,
      speaker: item.role === 'user' ? 'candidate' : 'recruiter',
      text: text.slice(0, 20_000),
      startedAt: new Date(startedMs).toISOString(),
      endedAt: new Date(endedMs).toISOString(),
      source: typedAt >= 0 ? 'typed' : 'voice',
      interrupted: item.interrupted,
      questionId: this.currentQuestionId(),
    };
    const posts = [this.client.postTurn(this.interviewId, turn)];
    if (item.role === 'assistant') {
      const clamp = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.min(600_000, Math.max(0, Math.round(v))));
      const p = this.pending;
      const e2e = m.e2eLatency !== undefined ? m.e2eLatency * 1000 : null;
      const parts = [p.eouMs, p.llmMs, p.ttsMs];
      const metrics: TurnMetricsInput = {
        turnId,
        endOfTurnDelayMs: clamp(p.eouMs ?? (m.endOfTurnDelay !== undefined ? m.endOfTurnDelay * 1000 : null)),
        sttMs: clamp(p.sttMs ?? (m.transcriptionDelay !== undefined ? m.transcriptionDelay * 1000 : null)),
        llmFirstTokenMs: clamp(p.llmMs ?? (m.llmNodeTtft !== undefined ? m.llmNodeTtft * 1000 : null)),
        ttsFirstByteMs: clamp(p.ttsMs ?? (m.ttsNodeTtfb !== undefined ? m.ttsNodeTtfb * 1000 : null)),
        totalMs: clamp(e2e ?? (parts.every((x) => x !== null) ? parts.reduce<number>((a, b) => a + (b ?? 0), 0) : null)),
      };
      this.pending = { eouMs: null, sttMs: null, llmMs: null, ttsMs: null };
      posts.push(this.client.postMetrics(this.interviewId, metrics));
    }
    return Promise.all(posts).then(() => undefined);
  }
}

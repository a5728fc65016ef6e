/**
 * Turns the session's conversation items into the API's turn records: one sequence per interview
 * (continuing after resumed turns), an idempotent turn id per job and sequence, typed answers
 * tagged as typed, the planned question each turn belongs to, and with every recruiter reply its
 * metrics record: the latency parts (from the framework's metrics events) and the usage since the
 * previous reply (STT audio seconds, LLM tokens, TTS characters and audio seconds, realtime audio
 * seconds), so per-turn usage sums to the interview's and core/src/stacks.ts can price it.
 */
import type { llm } from '@livekit/agents';
import type { TurnInput, TurnMetricsInput } from '@mockroom/core';
import type { AgentApiClient } from './api-client.js';

interface Usage {
  sttAudioSeconds: number | null;
  llmPromptTokens: number | null;
  llmCompletionTokens: number | null;
  ttsCharacters: number | null;
  ttsAudioSeconds: number | null;
  realtimeAudioSeconds: number | null;
}

const NO_USAGE: Usage = {
  sttAudioSeconds: null,
  llmPromptTokens: null,
  llmCompletionTokens: null,
  ttsCharacters: null,
  ttsAudioSeconds: null,
  realtimeAudioSeconds: null,
};

function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

/** Adds a reported amount to a usage field (null stays null until a stage reports something). */
function add(total: number | null, amount: unknown): number | null {
  const n = finite(amount);
  return n === null ? total : (total ?? 0) + n;
}

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
  /** Usage since the last recruiter reply was posted. */
  private usage: Usage = { ...NO_USAGE };
  /** Seconds the candidate spoke in the last voice turn (what a realtime model heard). */
  private lastUserAudioSeconds: number | null = null;

  /** `realtime`: the session runs a speech-to-speech model, whose usage is the audio it hears and speaks. */
  constructor(
    private readonly interviewId: string,
    private readonly jobId: string,
    startSequence: number,
    private readonly client: Pick<AgentApiClient, 'postTurn' | 'postMetrics'>,
    private readonly currentQuestionId: () => string | null,
    private readonly realtime = false,
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
    } else if (m.type === 'realtime_model_metrics' && this.pending.llmMs === null) {
      // A speech-to-speech model's first token is its first audio: the LLM and TTS stages in one.
      this.pending.llmMs = m.ttftMs as number;
    }
    const u = this.usage;
    if (m.type === 'stt_metrics') {
      const ms = finite(m.audioDurationMs);
      u.sttAudioSeconds = add(u.sttAudioSeconds, ms === null ? null : ms / 1000);
    } else if (m.type === 'llm_metrics' || m.type === 'realtime_model_metrics') {
      u.llmPromptTokens = add(u.llmPromptTokens, m.type === 'llm_metrics' ? m.promptTokens : m.inputTokens);
      u.llmCompletionTokens = add(u.llmCompletionTokens, m.type === 'llm_metrics' ? m.completionTokens : m.outputTokens);
    } else if (m.type === 'tts_metrics') {
      u.ttsCharacters = add(u.ttsCharacters, m.charactersCount);
      const ms = finite(m.audioDurationMs);
      u.ttsAudioSeconds = add(u.ttsAudioSeconds, ms === null ? null : ms / 1000);
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
    const spokeSeconds = turn.source === 'voice' && m.startedSpeakingAt !== undefined ? (endedMs - startedMs) / 1000 : null;
    if (item.role === 'user') this.lastUserAudioSeconds = spokeSeconds;
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
      // Transport: what the end-to-end latency holds beyond the measured stages (hand-offs between
      // them and getting the first frame into the room); only when every part was measured.
      if (e2e !== null && parts.every((x) => x !== null)) {
        metrics.transportMs = clamp(Math.max(0, e2e - parts.reduce<number>((a, b) => a + (b ?? 0), 0)));
      }
      const u = this.usage;
      if (this.realtime) {
        // What the model heard (the candidate's last spoken turn) and said (this reply).
        const heard = this.lastUserAudioSeconds ?? 0;
        u.realtimeAudioSeconds = heard + (m.startedSpeakingAt !== undefined ? (endedMs - startedMs) / 1000 : 0);
        this.lastUserAudioSeconds = null;
      }
      const round = (v: number | null, digits: number) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
      metrics.sttAudioSeconds = round(u.sttAudioSeconds, 3);
      metrics.llmPromptTokens = round(u.llmPromptTokens, 0);
      metrics.llmCompletionTokens = round(u.llmCompletionTokens, 0);
      metrics.ttsCharacters = round(u.ttsCharacters, 0);
      metrics.ttsAudioSeconds = round(u.ttsAudioSeconds, 3);
      if (this.realtime) metrics.realtimeAudioSeconds = round(u.realtimeAudioSeconds, 3);
      this.pending = { eouMs: null, sttMs: null, llmMs: null, ttsMs: null };
      this.usage = { ...NO_USAGE };
      posts.push(this.client.postMetrics(this.interviewId, metrics));
    }
    return Promise.all(posts).then(() => undefined);
  }
}

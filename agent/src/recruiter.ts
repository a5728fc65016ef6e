/**
 * The recruiter: the agent factory tests import without a worker, and the job flow the worker
 * runs (context from the API, providers from the registry, the AgentSession, per-turn
 * persistence, metrics and the end-of-call record). Composition only: conduct lives in
 * interviewer/, transport to the API in transcript-sink.ts, provider choice in providers/.
 */
import { readFileSync } from 'node:fs';
import { llm, log, voice, type JobContext, type VAD } from '@livekit/agents';
import {
  DispatchMetadata,
  InterviewContext,
  QuestionStatus,
  type EndReason,
  type TurnInput,
  type TurnMetricsInput,
} from '@mockroom/core';
import { z } from 'zod';
import type { AgentEnv } from './env.js';
import { InterviewBrain } from './interviewer/brain.js';
import { RuleInterviewerLLM } from './interviewer/rule-llm.js';
import { applyOverride, buildProviders } from './providers/registry.js';
import { TranscriptSink } from './transcript-sink.js';
import { createVad } from './turn/vad.js';
import { attachTurnHandling, turnHandlingOptions } from './turn/handling.js';

/** Thinking pauses are normal in interviews: the candidate is "away" only after this long. */
export const USER_AWAY_SECONDS = 40;
const CONTEXT_ATTEMPTS = 5;
/** The offline recogniser's native rate (the en-us PocketSphinx model is wideband, 16 kHz). */
const LOCAL_STT_SAMPLE_RATE = 16_000;

const PROMPT_TEMPLATE = readFileSync(new URL('./prompts/recruiter.md', import.meta.url), 'utf8');

export class InterviewContextError extends Error {
  override name = 'InterviewContextError';
}

/** The prompt for LLM providers: persona, plan and rules, with candidate data fenced off as data. */
export function renderRecruiterPrompt(context: InterviewContext): string {
  const clean = (s: string) => s.replace(/[<>{}]/g, '').slice(0, 200);
  const questions = context.plan.questions
    .map((q, i) => `${i + 1}. [${q.id}] (${q.kind}, ${clean(q.competency)}) ${q.text}`)
    .join('\n');
  const values: Record<string, string> = {
    candidateName: clean(context.candidateName),
    role: clean(context.role),
    company: clean(context.company),
    seniority: context.seniority,
    interviewType: context.interviewType.replace('_', ' '),
    timeBoxMinutes: String(Math.round(context.timeBoxSeconds / 60)),
    questions,
    requiredSkills: context.plan.requiredSkills.map(clean).join(', ') || 'none listed',
  };
  return PROMPT_TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

export interface RecruiterAgent {
  agent: voice.Agent;
  brain: InterviewBrain;
  /** Set when the LLM is the rule-based interviewer. */
  ruleLlm: RuleInterviewerLLM | null;
  /** The planned question a turn committed now belongs to. */
  currentQuestionId(): string | null;
  /** Why the interview ended, once it has. */
  endReason(): EndReason | null;
  /** Status of every planned question so far. */
  questionStatuses(): { questionId: string; status: QuestionStatus }[];
}

/**
 * Builds the recruiter for one interview. With `llmProvider: 'local'` the brain is the LLM; with
 * any other provider the brain still tracks the plan through the `next_question` and
 * `end_interview` tools, so statuses and the end of call work the same way.
 */
export function createRecruiterAgent(
  context: InterviewContext,
  opts: { llmProvider: string; now?: () => number } = { llmProvider: 'local' },
): RecruiterAgent {
  const brain = new InterviewBrain({
    candidateName: context.candidateName,
    company: context.company,
    role: context.role,
    plan: context.plan,
    timeBoxMs: context.timeBoxSeconds * 1000,
    now: opts.now,
  });
  brain.resumeFrom(context.turns);
  const isLocal = opts.llmProvider === 'local';
  const ruleLlm = isLocal ? new RuleInterviewerLLM(brain) : null;

  // Statuses and the live question for LLM providers, set by the tools below.
  const toolState = { index: 0, statuses: new Map<string, QuestionStatus>(), end: null as EndReason | null };
  const tools = isLocal
    ? undefined
    : {
        next_question: llm.tool({
          description:
            'Record the status of the current planned question and get the next one. Call before asking the next planned question.',
          parameters: z.object({
            status: z.enum(['answered', 'insufficient', 'skipped']).describe('How the current question went'),
          }),
          execute: async ({ status }) => {
            const current = context.plan.questions[toolState.index];
            if (current) toolState.statuses.set(current.id, status);
            toolState.index += 1;
            const next = context.plan.questions[toolState.index];
            return next ? { nextQuestionId: next.id, text: next.text } : { done: true, instruction: 'Thank the candidate and end the interview.' };
          },
        }),
        end_interview: llm.tool({
          description: 'End the interview after saying goodbye: when the plan is done or the time box is over.',
          parameters: z.object({ reason: z.enum(['completed', 'time_box']) }),
          execute: async ({ reason }) => {
            toolState.end = reason;
            return { ok: true };
          },
        }),
      };

  class Recruiter extends voice.Agent {
    override async onUserTurnExceeded(): Promise<void> {
      // A rambling answer: the rule brain cuts in politely; an LLM is told to.
      if (ruleLlm) {
        brain.requestCutIn();
        this.session.commitUserTurn();
      } else {
        this.session.generateReply({
          instructions: 'The candidate has been talking for a long time. Thank them, and politely move on.',
        });
      }
    }
  }

  const agent = new Recruiter({
    instructions: isLocal ? 'Rule-based recruiter: replies come from the interview plan.' : renderRecruiterPrompt(context),
    tools,
  });

  return {
    agent,
    brain,
    ruleLlm,
    currentQuestionId: () =>
      ruleLlm ? brain.currentQuestionId : (context.plan.questions[toolState.index]?.id ?? null),
    endReason: () => (ruleLlm ? brain.ended : toolState.end),
    questionStatuses: () =>
      ruleLlm
        ? brain.questionStatuses()
        : context.plan.questions.map((q, i) => ({
            questionId: q.id,
            status:
              toolState.statuses.get(q.id) ??
              (i === toolState.index ? ('interrupted' as const) : i < toolState.index ? ('skipped' as const) : ('not_asked' as const)),
          })),
  };
}

export async function fetchInterviewContext(env: Pick<AgentEnv, 'API_URL' | 'AGENT_API_TOKEN'>, interviewId: string): Promise<InterviewContext> {
  const url = `${env.API_URL.replace(/\/+$/, '')}/api/agent/interviews/${encodeURIComponent(interviewId)}/context`;
  let lastStatus = 0;
  for (let attempt = 1; attempt <= CONTEXT_ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${env.AGENT_API_TOKEN}` },
        signal: AbortSignal.timeout(5_000),
      });
      lastStatus = res.status;
      if (res.ok) return InterviewContext.parse(await res.json());
      if (res.status === 404 || res.status === 400) break;
    } catch {
      lastStatus = -1;
    }
    await new Promise((r) => setTimeout(r, 300 * 2 ** (attempt - 1)));
  }
  throw new InterviewContextError(`could not fetch the interview context (status ${lastStatus})`);
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

  constructor(
    private readonly interviewId: string,
    private readonly jobId: string,
    startSequence: number,
    private readonly sink: TranscriptSink,
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
    const posts = [this.sink.postTurn(this.interviewId, turn)];
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
      posts.push(this.sink.postMetrics(this.interviewId, metrics));
    }
    return Promise.all(posts).then(() => undefined);
  }
}

export interface ProcessUserData {
  vad?: VAD;
}

/** The job: one interview in one room. */
export async function runInterviewJob(ctx: JobContext<ProcessUserData>, env: AgentEnv): Promise<void> {
  const logger = log().child({ component: 'recruiter', jobId: ctx.job.id });
  const sink = new TranscriptSink({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  // Turns a previous job could not deliver go first.
  const replay = sink.replaySpool().catch(() => undefined);

  const metadata = DispatchMetadata.parse(JSON.parse(ctx.job.metadata || '{}'));
  const interviewId = metadata.interviewId;
  let endReason: EndReason | null = null;
  let recruiter: RecruiterAgent | null = null;

  ctx.addShutdownCallback(async () => {
    const reason = recruiter?.endReason() ?? endReason ?? 'error';
    recruiter?.brain.markEnded(reason);
    const questionStatuses = recruiter ? recruiter.questionStatuses() : [];
    await sink.postEnd(interviewId, { reason, questionStatuses });
    await sink.close();
    logger.info({ reason }, 'interview job finished');
  });

  // The context (after the spool replay, so resumed turns include what it delivered) is fetched
  // while the room connects: the candidate is waiting for the greeting. A failed fetch still
  // fails the job after the connect, as before; the catch only keeps the rejection handled meanwhile.
  const contextFetch = replay.then(() => fetchInterviewContext(env, interviewId));
  contextFetch.catch(() => undefined);
  await ctx.connect();
  const context = await contextFetch;
  const { config, rejected } = applyOverride(env.providers, context.providers);
  if (rejected.length > 0) logger.warn({ rejected }, 'provider override not allowed here; using defaults');

  recruiter = createRecruiterAgent(context, { llmProvider: config.llmProvider });
  const current = recruiter;
  const providers = await buildProviders(config, () => current.ruleLlm!);
  logger.info({ providers: providers.names, resumedTurns: context.turns.length }, 'interview starting');

  const startSequence = context.turns.reduce((max, t) => Math.max(max, t.sequence + 1), 0);
  const recorder = new TurnRecorder(interviewId, ctx.job.id, startSequence, sink, () => current.currentQuestionId());

  const turnHandling = turnHandlingOptions(env.AGENT_TURN_TUNING, { llmProvider: config.llmProvider });
  const session = new voice.AgentSession({
    vad: ctx.proc.userData.vad ?? createVad(),
    stt: providers.stt,
    llm: providers.llm,
    tts: providers.tts,
    userAwayTimeout: USER_AWAY_SECONDS,
    ...turnHandling,
  });
  attachTurnHandling(session, turnHandling);

  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (ev) => {
    void recorder.onItem(ev.item)?.catch((err: unknown) => logger.error({ err: String(err) }, 'turn delivery failed'));
  });
  session.on(voice.AgentSessionEventTypes.MetricsCollected, (ev) => {
    recorder.onMetrics(ev.metrics as never);
    const m = ev.metrics as { type: string } & Record<string, unknown>;
    if (m.type === 'eou_metrics') {
      logger.info({ eouMs: m.endOfUtteranceDelayMs, sttMs: m.transcriptionDelayMs }, 'user turn committed');
    }
  });
  session.on(voice.AgentSessionEventTypes.EotPrediction, (ev) => {
    // What the turn detector made of this pause; no transcript text, only numbers.
    logger.info(
      { probability: ev.probability, threshold: ev.threshold, delayMs: ev.delayMs, inferenceMs: ev.inferenceDurationMs },
      'end-of-turn prediction',
    );
  });
  session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
    // A long silence: the rule brain checks in (and ends the call after repeated silence).
    if (ev.newState === 'away' && current.endReason() === null) session.generateReply();
  });
  session.on(voice.AgentSessionEventTypes.SpeechCreated, (ev) => {
    void ev.speechHandle.waitForPlayout().then(() => {
      if (current.endReason() !== null) ctx.shutdown('interview ended');
    });
  });
  session.on(voice.AgentSessionEventTypes.Close, (ev) => {
    if (endReason === null) endReason = ev.error ? 'error' : 'candidate_left';
    ctx.shutdown('session closed');
  });

  const elapsedMs = current.brain.elapsedMs;
  const timeBox = setTimeout(() => {
    current.brain.requestWrapUp();
    if (current.ruleLlm) session.generateReply();
    else session.generateReply({ instructions: 'The time box is over: thank the candidate, say goodbye and call end_interview.' });
  }, Math.max(1_000, context.timeBoxSeconds * 1000 - elapsedMs));
  timeBox.unref?.();
  ctx.addShutdownCallback(async () => clearTimeout(timeBox));

  await session.start({
    agent: current.agent,
    room: ctx.room,
    // No audio, traces or transcript leave this process except through our own API.
    record: false,
    inputOptions: {
      // PocketSphinx and Silero both work at 16 kHz: asking the room for 16 kHz audio saves the
      // second resampling pass (24 kHz → 16 kHz) that each of them would otherwise run per frame.
      ...(config.sttProvider === 'local' ? { audioSampleRate: LOCAL_STT_SAMPLE_RATE } : {}),
      textInputCallback: (sess, ev) => {
        recorder.noteTyped(ev.text);
        sess.interrupt();
        sess.generateReply({ userInput: ev.text });
      },
    },
  });
  session.generateReply(
    current.ruleLlm ? {} : { instructions: 'Greet the candidate by name, say you are an AI recruiter for practice, and ask the first question.' },
  );
}

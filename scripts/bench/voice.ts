/**
 * The voice scenarios: bot candidates hold interviews against the running stack and every turn
 * becomes a row (L1, Q1, Q2), every join a greeting sample (L6). Capacity (C1) runs the same
 * conversation with N bots at once.
 */
import { performance } from 'node:perf_hooks';
import { ApiClient, BotCandidate } from './bot.js';
import type { Rtc } from './deps.js';
import { percentile } from './stats.js';
import type { Utterance } from './wav.js';

/** Recruiter quiet this long = its turn is over and the candidate may answer. */
const RECRUITER_DONE_QUIET_MS = 1_000;
const GREETING_TIMEOUT_MS = 20_000;
const REPLY_TIMEOUT_MS = 15_000;
const TURN_END_TIMEOUT_MS = 45_000;
/** How far into the recruiter's speech the candidate cuts in for Q2. */
const BARGE_IN_AFTER_MS = 400;
/** Recruiter audio still going this long after a barge-in counts as not stopped. */
const BARGE_IN_GIVE_UP_MS = 5_000;

export type StepKind = 'answer' | 'paused' | 'barge';

export interface TurnRow {
  config: string;
  /** Simultaneous interviews when it was measured (1 outside C1). */
  level: number;
  session: number;
  interviewId: string;
  kind: StepKind;
  text: string;
  /** performance.now() ms. */
  speechStartAt: number;
  speechEndAt: number;
  recruiterOnsetAt: number | null;
  /** L1 sample: onset − end of speech (null when the recruiter never answered or cut in). */
  latencyMs: number | null;
  /** The recruiter started before the candidate's true end of speech. */
  cutOff: boolean;
  /** Q1: where the deliberate mid-sentence pause began (performance.now() ms). */
  pauseStartAt?: number;
  /** Q2: barge-in start → recruiter audio stopped (null for other kinds, or when it never stopped). */
  bargeInMs?: number | null;
  /** Q2 sample discarded: the recruiter was already quiet when the candidate cut in. */
  bargeInVoid?: boolean;
}

export interface SessionResult {
  config: string;
  level: number;
  session: number;
  interviewId: string;
  /** null: no recruiter audio within the timeout (dispatch refused or failed). */
  greetingMs: number | null;
  /** Wall clock (ms since epoch) when the bot joined, to line up with the agent's logs. */
  joinedWallMs?: number;
  turns: TurnRow[];
  /** Steps attempted (a barge-in the recruiter never answered leaves no row but is used up). */
  stepsDone: number;
  audioGaps: number;
  recruiterLeft: boolean;
  error?: string;
}

export interface Corpus {
  answers: Utterance[];
  paused: Utterance[];
  bargeIn: Utterance;
}

export interface ConversationOptions {
  rtc: Rtc;
  apiUrl: string;
  client: ApiClient;
  config: string;
  level: number;
  session: number;
  corpus: Corpus;
  steps: StepKind[];
  /** Offsets into the corpus, so parallel sessions do not speak in lockstep. */
  seed: number;
  log: (line: string) => void;
  /** How long to wait for the recruiter's first words (default GREETING_TIMEOUT_MS; the soak waits longer). */
  greetingTimeoutMs?: number;
  /** Runs after the last step, before the interview is ended (W1 reads the stored turns while they can still arrive). */
  beforeEnd?: (interviewId: string) => Promise<void>;
}

/** Which steps an interview runs: answers, with a paused answer and a barge-in mixed in at the given rates. */
export function planSteps(answers: number, paused: number, barges: number): StepKind[] {
  const steps: StepKind[] = Array.from({ length: answers }, () => 'answer' as const);
  // Spread the special steps evenly, never first (the first answer follows the greeting).
  const insert = (kind: StepKind, count: number) => {
    for (let k = 0; k < count; k += 1) {
      const at = 1 + Math.floor(((k + 0.5) * (steps.length - 1)) / count);
      steps.splice(at, 0, kind);
    }
  };
  insert('paused', paused);
  insert('barge', barges);
  return steps;
}

/**
 * One interview: join, hear the greeting, then the steps. Stops early (returning what it has)
 * when the recruiter ends the interview; the caller starts another for the remaining steps.
 */
export async function runConversation(o: ConversationOptions): Promise<SessionResult> {
  const bot = new BotCandidate({ apiUrl: o.apiUrl, rtc: o.rtc }, o.client);
  const result: SessionResult = {
    config: o.config,
    level: o.level,
    session: o.session,
    interviewId: '',
    greetingMs: null,
    turns: [],
    stepsDone: 0,
    audioGaps: 0,
    recruiterLeft: false,
  };
  try {
    await bot.prepare();
    result.interviewId = bot.interviewId;
    await bot.join();
    result.joinedWallMs = Date.now() - (performance.now() - bot.joinedAt);
    const greeting = await bot.waitForOnset(bot.joinedAt, o.greetingTimeoutMs ?? GREETING_TIMEOUT_MS);
    if (greeting === null) {
      result.error = 'no recruiter audio after joining';
      return result;
    }
    result.greetingMs = greeting - bot.joinedAt;
    if (o.steps.length === 0) return result;
    await bot.waitForQuiet(RECRUITER_DONE_QUIET_MS, TURN_END_TIMEOUT_MS);
    let n = o.seed;
    for (const kind of o.steps) {
      if (bot.recruiterLeft) break;
      n += 1;
      result.stepsDone += 1;
      const row = await runStep(bot, kind, n, o);
      if (row) {
        result.turns.push(row);
        const shown =
          kind === 'barge'
            ? `barge-in ${row.bargeInVoid ? 'void' : row.bargeInMs === null ? 'NOT STOPPED' : `${Math.round(row.bargeInMs!)} ms`}`
            : row.cutOff
              ? 'cut off'
              : row.latencyMs === null
                ? 'no reply'
                : `${Math.round(row.latencyMs)} ms`;
        o.log(`  ${o.config} n=${o.level} s${o.session} ${kind}: ${shown}`);
      }
      await bot.waitForQuiet(RECRUITER_DONE_QUIET_MS, TURN_END_TIMEOUT_MS);
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    result.audioGaps = bot.audioGaps;
    result.recruiterLeft = bot.recruiterLeft;
    if (o.beforeEnd && bot.interviewId) await o.beforeEnd(bot.interviewId).catch((err: unknown) => (result.error ??= (err as Error).message));
    await bot.endInterview();
    await bot.leave();
  }
  return result;
}

async function runStep(bot: BotCandidate, kind: StepKind, n: number, o: ConversationOptions): Promise<TurnRow | null> {
  const base = { config: o.config, level: o.level, session: o.session, interviewId: bot.interviewId, kind };
  if (kind === 'barge') {
    // Give an answer, then talk over the reply once the recruiter is audibly speaking.
    const u = o.corpus.answers[n % o.corpus.answers.length]!;
    const t = await bot.say(u);
    const onset = await bot.waitForOnset(t.startAt, REPLY_TIMEOUT_MS);
    if (onset === null) return null;
    while (performance.now() < onset + BARGE_IN_AFTER_MS) await new Promise((r) => setTimeout(r, 5));
    const speaking = bot.gate.isLoud();
    const b = await bot.say(o.corpus.bargeIn);
    // The recruiter was mid-sentence when the candidate's voice reached the wire?
    const stillLoud = speaking && (bot.gate.segments.find((s) => s.start <= b.startAt && (s.end === null || s.end > b.startAt)) ?? null) !== null;
    if (!stillLoud) return { ...base, text: o.corpus.bargeIn.text, speechStartAt: b.startAt, speechEndAt: b.endAt, recruiterOnsetAt: onset, latencyMs: null, cutOff: false, bargeInMs: null, bargeInVoid: true };
    const stop = await bot.waitForOffset(b.startAt, BARGE_IN_GIVE_UP_MS);
    return {
      ...base,
      text: o.corpus.bargeIn.text,
      speechStartAt: b.startAt,
      speechEndAt: b.endAt,
      recruiterOnsetAt: onset,
      latencyMs: null,
      cutOff: false,
      bargeInMs: stop === null ? null : stop - b.startAt,
    };
  }
  const u = kind === 'paused' ? o.corpus.paused[n % o.corpus.paused.length]! : o.corpus.answers[n % o.corpus.answers.length]!;
  const t = await bot.say(u);
  const onset = await bot.waitForOnset(t.startAt, REPLY_TIMEOUT_MS);
  const cutOff = onset !== null && onset < t.endAt;
  return {
    ...base,
    text: u.text,
    speechStartAt: t.startAt,
    speechEndAt: t.endAt,
    recruiterOnsetAt: onset,
    latencyMs: onset === null || cutOff ? null : onset - t.endAt,
    cutOff,
    ...(u.pause ? { pauseStartAt: t.startAt + u.pause.startMs } : {}),
  };
}

/** Runs interviews one after another until `steps` are used up (interviews end on their own). */
export async function runSequential(o: Omit<ConversationOptions, 'session'> & { maxInterviews?: number }): Promise<SessionResult[]> {
  const results: SessionResult[] = [];
  let remaining = [...o.steps];
  let session = 0;
  while (remaining.length > 0 && session < (o.maxInterviews ?? 50)) {
    const r = await runConversation({ ...o, steps: remaining, session, seed: o.seed + session * 7 });
    results.push(r);
    session += 1;
    if (r.greetingMs === null || (r.error && r.turns.length === 0)) {
      o.log(`  ${o.config}: interview failed: ${r.error ?? 'unknown'}`);
      break;
    }
    remaining = remaining.slice(r.stepsDone);
  }
  return results;
}

export interface CapacityLevel {
  level: number;
  p95Ms: number | null;
  p50Ms: number | null;
  n: number;
  refused: number;
  audioGaps: number;
  cutOffs: number;
  ok: boolean;
  reason: string;
}

/**
 * Answers each bot gives at one C1 level: at least `minPerBot`, and enough that the level has
 * `minSamples` latencies in all, so its p95 is not simply the largest of a handful of turns.
 */
export function capacityTurnsPerBot(level: number, minPerBot: number, minSamples: number): number {
  return Math.max(minPerBot, Math.ceil(minSamples / Math.max(1, level)));
}

/** Judges one C1 level against the single-interview p95. */
export function judgeLevel(level: number, sessions: SessionResult[], singleP95: number | null, marginMs = 100): CapacityLevel {
  const lat = sessions.flatMap((s) => s.turns.map((t) => t.latencyMs).filter((x): x is number => x !== null));
  const p95 = percentile(lat, 95);
  const refused = sessions.filter((s) => s.greetingMs === null).length;
  const audioGaps = sessions.reduce((a, s) => a + s.audioGaps, 0);
  const cutOffs = sessions.reduce((a, s) => a + s.turns.filter((t) => t.cutOff).length, 0);
  const missing = sessions.reduce((a, s) => a + s.turns.filter((t) => t.recruiterOnsetAt === null).length, 0);
  let reason = 'ok';
  if (refused > 0) reason = `${refused} dispatch(es) refused or never answered`;
  else if (audioGaps > 0) reason = `${audioGaps} gap(s) in recruiter audio`;
  else if (missing > 0) reason = `${missing} turn(s) without a reply`;
  else if (p95 === null) reason = 'no latency samples';
  else if (singleP95 !== null && p95 > singleP95 + marginMs) reason = `p95 ${Math.round(p95)} ms > single ${Math.round(singleP95)} + ${marginMs} ms`;
  return { level, p95Ms: p95, p50Ms: percentile(lat, 50), n: lat.length, refused, audioGaps, cutOffs, ok: reason === 'ok', reason };
}

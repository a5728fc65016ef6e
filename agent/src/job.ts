/**
 * The job: one interview in one room. A composition root: it wires the API client, the
 * interviewer, the providers, the AgentSession and the turn recorder, and decides nothing they
 * decide. What to say lives in interviewer/, what reaches the API in api-client.ts and
 * turn-recorder.ts, provider choice in providers/, turn-taking in turn/.
 */
import { log, voice, type JobContext, type VAD } from '@livekit/agents';
import { RoomEvent, type RemoteParticipant } from '@livekit/rtc-node';
import { CANDIDATE_IDENTITY_PREFIX, DispatchMetadata, type InterviewStatus } from '@mockroom/core';
import { AgentApiClient } from './api-client.js';
import type { AgentEnv } from './env.js';
import { createInterviewer, type Interviewer } from './interviewer/interviewer.js';
import { createRecruiterAgent } from './interviewer/recruiter-agent.js';
import { filterPersonalDataFromLogs } from './log-privacy.js';
import { RejoinGrace } from './rejoin-grace.js';
import { applyInterviewChoice, buildProviders, inProcessSttSampleRate, interviewerLlmProvider } from './providers/registry.js';
import { TurnRecorder } from './turn-recorder.js';
import { attachTurnHandling, turnHandlingOptions } from './turn/handling.js';
import { createVad } from './turn/vad.js';

/** Thinking pauses are normal in interviews: the candidate is "away" only after this long. */
export const USER_AWAY_SECONDS = 40;

/** An interview in one of these states takes no job: a token minted before the end joins an empty call. */
export function isClosedStatus(status: InterviewStatus): boolean {
  return status === 'ended' || status === 'failed';
}

function isCandidate(p: { identity: string }): boolean {
  return p.identity.startsWith(CANDIDATE_IDENTITY_PREFIX);
}

export interface ProcessUserData {
  vad?: VAD;
}

export async function runInterviewJob(ctx: JobContext<ProcessUserData>, env: AgentEnv): Promise<void> {
  // main.ts filters every logger the framework installs; this covers a job run without that entry.
  filterPersonalDataFromLogs();
  const logger = log().child({ component: 'recruiter', jobId: ctx.job.id });
  const api = new AgentApiClient({ apiUrl: env.API_URL, token: env.AGENT_API_TOKEN, spoolDir: env.SPOOL_DIR });
  // Turns a previous job could not deliver go first.
  const replay = api.replaySpool().catch(() => undefined);

  const { interviewId } = DispatchMetadata.parse(JSON.parse(ctx.job.metadata || '{}'));
  let closedReason: 'candidate_left' | 'error' | null = null;
  let interviewer: Interviewer | null = null;
  /** Set when the interview was already over at dispatch: the job leaves without a word or a write. */
  let refused = false;

  ctx.addShutdownCallback(async () => {
    if (refused) {
      await api.close();
      return;
    }
    const tracker = interviewer?.tracker;
    tracker?.end(closedReason ?? 'error');
    const reason = tracker?.ended ?? closedReason ?? 'error';
    await api.postEnd(interviewId, { reason, questionStatuses: tracker?.questionStatuses() ?? [] });
    await api.close();
    logger.info({ reason }, 'interview job finished');
  });

  // The context (after the spool replay, so resumed turns include what it delivered) is fetched
  // while the room connects: the candidate is waiting for the greeting. A failed fetch still
  // fails the job after the connect; the catch only keeps the rejection handled meanwhile.
  const contextFetch = replay.then(() => api.getContext(interviewId));
  contextFetch.catch(() => undefined);
  await ctx.connect();
  const context = await contextFetch;
  if (isClosedStatus(context.status)) {
    // A stale token (minted before the end) re-created the room and dispatched us: no greeting, no
    // state change, no end record.
    refused = true;
    logger.info({ status: context.status }, 'interview already closed; leaving');
    ctx.shutdown('interview already closed');
    return;
  }
  // The interview's stack (refused by the API before the call when not allowed); a worker missing
  // its key falls back to its defaults rather than failing the call.
  const { config, rejected } = applyInterviewChoice(env.providers, context);
  if (rejected.length > 0) logger.warn({ rejected, stack: context.stack ?? null }, 'provider choice not available here; using defaults');

  const chosen = createInterviewer(context, { llmProvider: interviewerLlmProvider(config) });
  interviewer = chosen;
  const { tracker } = chosen;
  const providers = await buildProviders(config, () => chosen.ownLlm());
  // The pid lets a fault test find this job's process (tests/resilience.test.ts kills it).
  logger.info({ providers: providers.names, stack: config.stack ?? null, resumedTurns: context.turns.length, pid: process.pid }, 'interview starting');

  const startSequence = context.turns.reduce((max, t) => Math.max(max, t.sequence + 1), 0);
  const recorder = new TurnRecorder(interviewId, ctx.job.id, startSequence, api, () => tracker.currentQuestionId, providers.realtime);

  // A realtime model detects turns itself (server VAD): the framework's defaults, no word-aware detector.
  const turnHandling = turnHandlingOptions(providers.realtime ? 'stock' : env.AGENT_TURN_TUNING, { llmProvider: config.llmProvider });
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
    const m = ev.metrics as { type: string } & Record<string, unknown>;
    recorder.onMetrics(m);
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
  let sessionStarted = false;
  // The candidate leaving the room is not the end: the job waits for them to come back
  // (docs/decisions/011-rejoin-grace.md). Only the candidate's End, the recruiter's goodbye, the time
  // box or this grace period end an interview.
  const grace = new RejoinGrace({
    graceMs: env.AGENT_REJOIN_GRACE_SECONDS * 1000,
    onExpired: () => {
      logger.info({ graceSeconds: env.AGENT_REJOIN_GRACE_SECONDS }, 'candidate did not come back; closing');
      tracker.end('candidate_left');
      ctx.shutdown('candidate did not come back');
    },
    onReturned: (awayMs) => {
      logger.info({ awayMs }, 'candidate back in the room');
      if (sessionStarted && tracker.ended === null) chosen.welcomeBack(session);
    },
  });
  ctx.addShutdownCallback(async () => grace.dispose());
  const candidateSids = new Set<string>();
  const onCandidatePresent = (p: RemoteParticipant) => {
    if (!isCandidate(p) || !p.sid || candidateSids.has(p.sid)) return;
    candidateSids.add(p.sid);
    grace.joined();
  };
  ctx.room.on(RoomEvent.ParticipantConnected, onCandidatePresent);
  ctx.room.on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
    if (!isCandidate(p)) return;
    // A reload can bring the new connection in before the old one is gone: still present.
    if ([...ctx.room.remoteParticipants.values()].some((o) => isCandidate(o) && o.sid !== p.sid)) return;
    grace.left();
    if (sessionStarted) void session.interrupt();
    logger.info({ graceSeconds: env.AGENT_REJOIN_GRACE_SECONDS }, 'candidate left the room; waiting for a rejoin');
    // The candidate's End closes the interview before their client leaves: then there is nobody to
    // wait for. The state comes from the API, which alone knows.
    void api
      .getContext(interviewId)
      .then((now) => {
        if (!isClosedStatus(now.status) || !grace.absent) return;
        // Already closed (the End route records candidate_ended): the end post changes nothing.
        tracker.end('candidate_ended');
        ctx.shutdown('interview closed by the candidate');
      })
      .catch(() => undefined);
  });
  for (const p of ctx.room.remoteParticipants.values()) onCandidatePresent(p);
  // A job dispatched again after a crash (crash-redispatch.ts) can find the candidate gone too: the
  // grace period runs from now, or this job would wait for them until the time box.
  if (candidateSids.size === 0) grace.left();

  session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
    // A long silence: the interviewer checks in (the rule brain ends the call after repeated
    // silence). Not while the candidate is out of the room: the grace period decides then.
    if (ev.newState === 'away' && tracker.ended === null && !grace.absent) session.generateReply();
  });
  session.on(voice.AgentSessionEventTypes.SpeechCreated, (ev) => {
    void ev.speechHandle.waitForPlayout().then(() => {
      if (tracker.ended !== null) ctx.shutdown('interview ended');
    });
  });
  session.on(voice.AgentSessionEventTypes.Close, (ev) => {
    closedReason ??= ev.error ? 'error' : 'candidate_left';
    ctx.shutdown('session closed');
  });

  const timeBox = setTimeout(() => {
    // Nobody to say goodbye to: the time box ends the call at once.
    if (grace.absent) {
      tracker.end('time_box');
      ctx.shutdown('time box over while the candidate was away');
    } else chosen.timeBoxOver(session);
  }, Math.max(1_000, context.timeBoxSeconds * 1000 - tracker.elapsedMs));
  timeBox.unref?.();
  ctx.addShutdownCallback(async () => clearTimeout(timeBox));

  const sttSampleRate = inProcessSttSampleRate(config);
  await session.start({
    agent: createRecruiterAgent(chosen),
    room: ctx.room,
    // No audio, traces or transcript leave this process except through our own API.
    record: false,
    inputOptions: {
      // The candidate leaving (reload, network loss) must not close the session: RejoinGrace decides.
      closeOnDisconnect: false,
      // The in-process recognisers (Moonshine, PocketSphinx) and Silero all work at 16 kHz: asking
      // the room for it saves the second resampling pass (24 kHz → 16 kHz) each would run per frame.
      ...(sttSampleRate !== null ? { audioSampleRate: sttSampleRate } : {}),
      textInputCallback: (sess, ev) => {
        recorder.noteTyped(ev.text);
        try {
          sess.interrupt();
        } catch {
          // Speech that disallows interruptions (the greeting) throws here; the typed answer must
          // not be lost with it: the reply queues behind that speech instead.
        }
        sess.generateReply({ userInput: ev.text });
      },
    },
  });
  sessionStarted = true;
  chosen.open(session);
}

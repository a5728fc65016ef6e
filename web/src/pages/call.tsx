/** The live call: recruiter state and visualiser, captions, typed answers, mute, end, elapsed time. */
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { api } from '../api.js';
import { AudioVisualiser } from '../call/audio-visualiser.js';
import { resumeAudio } from '../call/audio-level.js';
import { visibleCaptions, type Caption } from '../call/captions.js';
import { controlsEnabled } from '../call/call-state.js';
import { InterviewCall, type AgentState, type CallPhase, type CallProblem, type CallSnapshot } from '../call/interview-call.js';
import { formatClock } from '../format.js';
import { navigate } from '../router.js';
import type { Interview } from '../types.js';
import { ErrorMessage, PageHeading } from '../ui.js';
import { MIC_DEVICE_KEY } from './precall.js';

const AGENT_STATE_TEXT: Record<AgentState, string> = {
  initializing: 'Getting ready…',
  listening: 'Listening',
  thinking: 'Thinking…',
  speaking: 'Speaking',
  idle: 'Waiting',
  unknown: 'Connecting…',
};

const PHASE_TEXT: Record<CallPhase, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  'waiting-agent': 'Waiting for the recruiter…',
  live: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Call ended',
  failed: 'Disconnected',
};

function useCall(call: InterviewCall | null): CallSnapshot | null {
  return useSyncExternalStore(
    (fn) => (call ? call.subscribe(fn) : () => undefined),
    () => (call ? call.getSnapshot() : null),
  );
}

export function CallPage(props: { interviewId: string }) {
  const [interview, setInterview] = useState<Interview | null>(null);
  const [call, setCall] = useState<InterviewCall | null>(null);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<unknown>(null);
  const audioRef = useRef<HTMLDivElement>(null);
  const snap = useCall(call);

  const [job, setJob] = useState<string | null>(null);
  useEffect(() => {
    api.getInterview(props.interviewId).then(
      (d) => {
        setInterview(d.interview);
        // The job, for the heading: the interview answer carries only the application's id.
        api.getApplication(d.interview.applicationId).then((a) => setJob(`${a.role} at ${a.company}`), () => undefined);
      },
      () => undefined,
    );
  }, [props.interviewId]);

  useEffect(() => {
    const c = new InterviewCall(props.interviewId, () => audioRef.current);
    setCall(c);
    void c.join({ deviceId: sessionStorage.getItem(MIC_DEVICE_KEY) ?? undefined });
    return () => {
      void c.leave();
    };
  }, [props.interviewId]);

  const end = async () => {
    if (!call) return;
    setEnding(true);
    setEndError(null);
    try {
      await call.end();
      navigate({ name: 'report', interviewId: props.interviewId });
    } catch (err) {
      setEndError(err);
      setEnding(false);
    }
  };

  const timeBoxSeconds = interview?.timeBoxSeconds ?? null;
  const controls = controlsEnabled(snap?.phase ?? 'idle');
  const title = job ? `Interview: ${job}` : 'Interview';

  return (
    <section className="call">
      <div className="call-head">
        <PageHeading title="Interview call">{title}</PageHeading>
        <div className="call-meta">
          <span className={`badge badge-phase-${snap?.phase ?? 'idle'}`} role="status" data-testid="call-phase" data-phase={snap?.phase ?? 'idle'}>
            {PHASE_TEXT[snap?.phase ?? 'idle']}
          </span>
          <ElapsedClock startedAt={snap?.startedAt ?? null} running={snap?.phase === 'live' || snap?.phase === 'reconnecting'} timeBoxSeconds={timeBoxSeconds} />
        </div>
      </div>

      {snap?.phase === 'reconnecting' ? (
        <p className="alert alert-warning" role="status" data-testid="reconnecting">
          Reconnecting… Your interview is kept while we get you back.
        </p>
      ) : null}
      {snap?.endNotice ? (
        <div className="alert alert-info" role="status" data-testid="call-ended">
          <p>{snap.endNotice}</p>
          <p>
            <a href={`#/interviews/${encodeURIComponent(props.interviewId)}/report`} className="button primary">
              See your report
            </a>
          </p>
        </div>
      ) : null}
      {snap ? <Problems problems={snap.problems} call={call} /> : null}

      <div className="call-grid">
        <section className="card recruiter-panel" aria-labelledby="recruiter-heading">
          <h2 id="recruiter-heading">AI recruiter</h2>
          <AudioVisualiser
            track={snap?.agentAudioTrack ?? null}
            label="Recruiter voice level"
            testId="recruiter-level"
            className={`visualiser-large state-${snap?.agentState ?? 'unknown'}`}
          />
          <p className="agent-state" data-testid="agent-state" data-state={snap?.agentPresent ? snap.agentState : 'absent'}>
            {snap?.agentPresent ? AGENT_STATE_TEXT[snap.agentState] : snap?.phase === 'ended' ? 'Left the call' : 'Not here yet'}
          </p>
          <div className="you-row">
            <AudioVisualiser track={snap?.muted ? null : (snap?.localMicTrack ?? null)} label="Your microphone level" className="visualiser-small" testId="my-level" />
            <span className="muted small">{!snap?.micAvailable ? 'No microphone' : snap.muted ? 'You are muted' : 'Your microphone'}</span>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button"
              aria-pressed={snap?.muted ?? false}
              disabled={!snap?.micAvailable || !controls.mute}
              onClick={() => call && snap && void call.setMuted(!snap.muted)}
            >
              {snap?.muted ? 'Unmute' : 'Mute'}
            </button>
            <button type="button" className="button danger" onClick={() => void end()} disabled={ending || !call || !controls.end}>
              {ending ? 'Ending…' : 'End call'}
            </button>
          </div>
          <ErrorMessage error={endError} />
          {snap?.phase === 'ended' && !ending && !snap.endNotice ? (
            <p>
              <a href={`#/interviews/${encodeURIComponent(props.interviewId)}/report`} className="button primary">
                See your report
              </a>
            </p>
          ) : null}
        </section>

        <section className="card captions-panel" aria-labelledby="captions-heading">
          <h2 id="captions-heading">Live captions</h2>
          <Captions captions={snap ? visibleCaptions(snap.captions) : []} />
          <TypedAnswer call={call} disabled={!snap || !controls.typed} />
        </section>
      </div>
      <div ref={audioRef} hidden />
    </section>
  );
}

function ElapsedClock(props: { startedAt: number | null; running: boolean; timeBoxSeconds: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!props.running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [props.running]);
  const elapsedMs = props.startedAt ? Math.max(0, now - props.startedAt) : 0;
  const over = props.timeBoxSeconds != null && elapsedMs / 1000 >= props.timeBoxSeconds;
  return (
    // A timer (an ARIA live region that is silent by default): its name is read when reached, not every second.
    <span className={`clock ${over ? 'clock-over' : ''}`} role="timer" aria-label={`Elapsed time ${formatClock(elapsedMs)}`} data-testid="elapsed">
      <span aria-hidden="true">
        {formatClock(elapsedMs)}
        {props.timeBoxSeconds ? ` / ${formatClock(props.timeBoxSeconds * 1000)}` : ''}
      </span>
      {over ? <span className="small"> · time is up, the recruiter will wrap up</span> : null}
    </span>
  );
}

function Problems(props: { problems: CallProblem[]; call: InterviewCall | null }) {
  if (props.problems.length === 0) return null;
  return (
    <div className="problems" role="alert" data-testid="call-problems">
      {props.problems.map((p) => (
        <p key={p.kind} className={`alert ${p.kind === 'agent-late' || p.kind === 'agent-left' || p.kind === 'audio-blocked' ? 'alert-warning' : 'alert-error'}`} data-problem={p.kind}>
          {p.message}{' '}
          {p.kind === 'audio-blocked' ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                void resumeAudio();
                void props.call?.startAudio();
              }}
            >
              Enable audio
            </button>
          ) : null}
          {p.kind === 'disconnected' || p.kind === 'connect-failed' ? (
            <button type="button" className="button small" onClick={() => void props.call?.join({ deviceId: sessionStorage.getItem(MIC_DEVICE_KEY) ?? undefined })}>
              Rejoin
            </button>
          ) : null}
        </p>
      ))}
    </div>
  );
}

function Captions(props: { captions: Caption[] }) {
  const listRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [props.captions]);
  return (
    <ol
      ref={listRef}
      className="captions"
      aria-live="polite"
      aria-relevant="additions text"
      aria-label="Conversation captions"
      tabIndex={0}
      data-testid="captions"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {props.captions.length === 0 ? <li className="muted">Captions appear here as you and the recruiter speak.</li> : null}
      {props.captions.map((c) => (
        <li key={c.id} className={`caption caption-${c.speaker} ${c.final ? '' : 'caption-interim'}`} data-speaker={c.speaker}>
          <span className="caption-who">{c.speaker === 'recruiter' ? 'Recruiter' : c.typed ? 'You (typed)' : 'You'}</span>
          <span className="caption-text">{c.text}</span>
        </li>
      ))}
    </ol>
  );
}

function TypedAnswer(props: { call: InterviewCall | null; disabled: boolean }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!props.call || !text.trim()) return;
    setSending(true);
    const ok = await props.call.sendTyped(text);
    setSending(false);
    if (ok) setText('');
  };
  return (
    <form className="typed-answer" onSubmit={(e) => void submit(e)}>
      <label htmlFor="typed-answer">Type an answer</label>
      <div className="typed-row">
        <textarea
          id="typed-answer"
          rows={2}
          value={text}
          disabled={props.disabled}
          placeholder="Type here if you prefer not to speak. Enter sends, Shift+Enter adds a line."
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <button type="submit" className="button primary" disabled={props.disabled || sending || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}

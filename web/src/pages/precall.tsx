/** Pre-call: microphone permission and choice, a live input level, the time box, and the AI notice. */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { AudioVisualiser } from '../call/audio-visualiser.js';
import { resumeAudio } from '../call/audio-level.js';
import { navigate } from '../router.js';
import { PlanEditor, type PlanEditorHandle } from './plan-editor.js';
import type { Application } from '../types.js';
import { ErrorMessage, Field, Link, Notice, PageHeading, Spinner } from '../ui.js';
import { StackPicker } from './stack-picker.js';
import { InterviewCost } from '../credits/interview-cost.js';

export const TIME_BOX_CHOICES_MIN = [5, 10, 15, 20, 30, 45, 60] as const;
export const DEFAULT_TIME_BOX_MIN = 15;
/** The chosen input device travels to the call page in session storage (same tab only). */
export const MIC_DEVICE_KEY = 'mockroom.micDeviceId';

type MicStatus = 'unknown' | 'asking' | 'granted' | 'denied' | 'missing' | 'insecure';

export function PreCallPage(props: { applicationId: string }) {
  const [app, setApp] = useState<Application | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mic, setMic] = useState<MicStatus>('unknown');
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState(() => sessionStorage.getItem(MIC_DEVICE_KEY) ?? '');
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [timeBox, setTimeBox] = useState<number>(DEFAULT_TIME_BOX_MIN);
  const [starting, setStarting] = useState(false);
  const [stack, setStack] = useState<string | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const planEditor = useRef<PlanEditorHandle | null>(null);

  useEffect(() => {
    api.getApplication(props.applicationId).then(setApp, setError);
  }, [props.applicationId]);

  const stopPreview = () => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    setTrack(null);
  };

  const openMic = async (id: string) => {
    stopPreview();
    // Browsers only offer the microphone on https or localhost.
    if (!window.isSecureContext || !navigator.mediaDevices) {
      setMic('insecure');
      return;
    }
    setMic('asking');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: id ? { deviceId: { exact: id } } : true,
      });
      streamRef.current = stream;
      const t = stream.getAudioTracks()[0] ?? null;
      setTrack(t);
      setMic('granted');
      await resumeAudio();
      const all = await navigator.mediaDevices.enumerateDevices();
      setDevices(all.filter((d) => d.kind === 'audioinput'));
      const actual = t?.getSettings().deviceId;
      if (!id && actual) setDeviceId(actual);
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      setMic(name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'denied');
    }
  };

  useEffect(() => {
    // Ask straight away where the browser already has permission, so the meter is live on arrival.
    const perms = navigator.permissions as Permissions | undefined;
    perms
      ?.query({ name: 'microphone' as PermissionName })
      .then((s) => {
        if (s.state === 'granted') void openMic(deviceId);
        if (s.state === 'denied') setMic('denied');
      })
      .catch(() => undefined);
    return stopPreview;
  }, []);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      await resumeAudio();
      // The plan editor's draft interview, saved with its edits; a new one when there is none.
      const planned = await planEditor.current?.prepare(timeBox, stack);
      const interview = planned ? { id: planned } : await api.createInterview({ applicationId: props.applicationId, timeBoxMinutes: timeBox, ...(stack ? { stack } : {}) });
      // The first token starts (and charges) the call: a short balance answers 402 here, on this page.
      await api.getToken(interview.id);
      if (deviceId) sessionStorage.setItem(MIC_DEVICE_KEY, deviceId);
      stopPreview();
      navigate({ name: 'call', interviewId: interview.id });
    } catch (err) {
      setError(err);
      setStarting(false);
    }
  };

  return (
    <section className="narrow-wide">
      <PageHeading title="Get ready">Get ready for your interview</PageHeading>
      {app ? (
        <p className="lead">
          {app.role} at {app.company} · <Link to={{ name: 'application', id: app.id }}>edit</Link>
        </p>
      ) : error ? null : (
        <Spinner label="Loading application…" />
      )}
      <aside className="ai-notice" aria-label="About this interview">
        <strong>Your recruiter is an AI, for practice.</strong> It speaks and listens in real time. Audio is processed live and
        is <strong>not recorded</strong>; the written transcript is saved to your account so you can review it, and you can
        delete it at any time.
      </aside>

      <section className="card" aria-labelledby="mic-heading">
        <h2 id="mic-heading">Microphone</h2>
        {mic === 'denied' ? (
          <p className="alert alert-error" role="alert">
            Microphone access is blocked. Allow it in your browser’s site settings (the icon beside the address), then press “Try
            again”. You can also start without a microphone and type your answers.
          </p>
        ) : null}
        {mic === 'insecure' ? (
          <p className="alert alert-error" role="alert">
            This page is not on a secure connection, so the browser will not offer a microphone. Open Mockroom over https
            or on localhost — or start without a microphone and type your answers.
          </p>
        ) : null}
        {mic === 'missing' ? (
          <p className="alert alert-error" role="alert">
            No microphone was found. Connect one and press “Try again”, or type your answers during the call.
          </p>
        ) : null}
        {mic === 'granted' ? (
          <>
            <Field label="Input device">
              {(id) => (
                <select
                  id={id}
                  value={deviceId}
                  onChange={(e) => {
                    setDeviceId(e.target.value);
                    void openMic(e.target.value);
                  }}
                >
                  {devices.map((d, i) => (
                    <option key={d.deviceId || i} value={d.deviceId}>
                      {d.label || `Microphone ${i + 1}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="meter-row">
              <AudioVisualiser track={track} label="Your microphone level" testId="mic-level" className="visualiser-small" />
              <span className="muted small">Say something: the bars should move.</span>
            </div>
          </>
        ) : (
          <button type="button" className="button" onClick={() => void openMic(deviceId)} disabled={mic === 'asking'}>
            {mic === 'asking' ? 'Waiting for permission…' : mic === 'unknown' ? 'Allow microphone' : 'Try again'}
          </button>
        )}
      </section>

      <section className="card" aria-labelledby="time-heading">
        <h2 id="time-heading">Time box</h2>
        <Field label="Interview length" hint="The recruiter keeps to this and wraps up when time is nearly out.">
          {(id, hint) => (
            <select id={id} aria-describedby={hint} value={timeBox} onChange={(e) => setTimeBox(Number(e.target.value))}>
              {TIME_BOX_CHOICES_MIN.map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
          )}
        </Field>
        <InterviewCost minutes={timeBox} />
      </section>

      <StackPicker value={stack} onChange={setStack} />

      <PlanEditor applicationId={props.applicationId} interviewType={app?.interviewType} ref={planEditor} />

      <ErrorMessage error={error} />
      {mic !== 'granted' && mic !== 'unknown' && mic !== 'asking' ? (
        <Notice tone="warning">You will join without a microphone and can type your answers.</Notice>
      ) : null}
      <div className="actions">
        <button type="button" className="button primary large" onClick={() => void start()} disabled={starting || !app}>
          {starting ? 'Starting…' : 'Start interview'}
        </button>
        <Link to={{ name: 'dashboard' }} className="button">
          Cancel
        </Link>
      </div>
    </section>
  );
}

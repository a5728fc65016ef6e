/**
 * Report: a heading naming the job, date, length and voice stack; overall and per-dimension scores
 * with quoted evidence; each question with the candidate's own words and the feedback on it; speech
 * metrics; the transcript in the order it was said. An "incomplete" report (fewer than two answered
 * questions) shows a notice instead of scores. Printable, and saved as PDF through the browser's
 * print dialog with the print stylesheet (docs/decisions/014-report-pdf-by-print.md).
 */
import { useEffect, useState } from 'react';
import { getStack } from '@mockroom/core/stacks';
import { api } from '../api.js';
import { formatClock, formatDate, formatNumber, formatPercent, scoreLabel } from '../format.js';
import type { Application, InterviewDetail, Report, ReportResponse, TurnRecord } from '../types.js';
import { ErrorMessage, Link, PageHeading, Spinner } from '../ui.js';
import { InterviewMetricsPanel } from './interview-metrics.js';
import { ReviewerComments, ReviewSharePanel } from '../review-share-panel.js';
import { InterviewPrivacyPanel } from '../privacy/dossier-panel.js';
import { PractiseAgainPanel } from '../habits/practise-again-panel.js';
import { TryoutClaimPanel } from '../tryout/claim-panel.js';

/** Scoring usually takes seconds; poll gently while it runs. */
export const REPORT_POLL_MS = 2_000;

export function ReportPage(props: { interviewId: string }) {
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [detail, setDetail] = useState<InterviewDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pollKey, setPollKey] = useState(0);

  useEffect(() => {
    api.getInterview(props.interviewId).then(setDetail, setError);
  }, [props.interviewId, report?.status]);

  // The job the interview was for, for the heading (the interview answer carries only its id).
  const [application, setApplication] = useState<Application | null>(null);
  const applicationId = detail?.interview.applicationId ?? null;
  useEffect(() => {
    if (applicationId) api.getApplication(applicationId).then(setApplication, () => setApplication(null));
  }, [applicationId]);

  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api.getReport(props.interviewId, ctl.signal);
        if (ctl.signal.aborted) return;
        setReport(r);
        setError(null);
        if (r.status === 'pending') timer = setTimeout(poll, REPORT_POLL_MS);
      } catch (err) {
        if (ctl.signal.aborted) return;
        setError(err);
        timer = setTimeout(poll, REPORT_POLL_MS * 2);
      }
    };
    void poll();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [props.interviewId, pollKey]);

  const title = application ? `${application.role} at ${application.company}` : 'Interview report';
  const rescore = async () => {
    try {
      await api.rescore(props.interviewId);
      setReport((r) => (r ? { ...r, status: 'pending' } : r));
      setPollKey((k) => k + 1);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="report">
      <div className="report-head">
        <div>
          <p className="eyebrow">Interview report</p>
          <PageHeading title={`Report: ${title}`}>{title}</PageHeading>
          {detail ? <ReportFacts interview={detail.interview} /> : null}
        </div>
        <button type="button" className="button no-print" onClick={() => window.print()} aria-describedby="pdf-hint">
          Download PDF
        </button>
        <p id="pdf-hint" className="visually-hidden">
          Opens the print dialog; choose “Save as PDF” as the destination.
        </p>
      </div>
      <ErrorMessage error={error} />
      {!report ? (
        error ? null : <Spinner label="Loading report…" />
      ) : report.status === 'pending' ? (
        <div className="card scoring" role="status" data-testid="report-status" data-status="pending">
          <span className="spinner" aria-hidden="true" />
          <div>
            <strong>Scoring your interview…</strong>
            <p className="muted">The report appears here by itself in a few moments. Your transcript is below.</p>
          </div>
        </div>
      ) : report.status === 'failed' || !report.report ? (
        <div className="card" data-testid="report-status" data-status="failed">
          <p className="alert alert-error" role="alert">
            Scoring did not finish. Your transcript is safe.
          </p>
          <button type="button" className="button" onClick={() => void rescore()}>
            Try scoring again
          </button>
        </div>
      ) : report.report.status === 'incomplete' ? (
        <IncompleteNotice report={report.report} applicationId={detail?.interview.applicationId ?? null} turns={detail?.turns ?? []} />
      ) : (
        <ReportBody report={report.report} turns={detail?.turns ?? []} />
      )}
      <TryoutClaimPanel interviewId={props.interviewId} />
      {report?.report ? <PractiseAgainPanel interviewId={props.interviewId} scored={report.report.status === 'scored'} /> : null}
      <InterviewMetricsPanel interviewId={props.interviewId} />
      <InterviewPrivacyPanel interviewId={props.interviewId} />
      <ReviewerComments interviewId={props.interviewId} turns={detail?.turns ?? []} />
      <ReviewSharePanel interviewId={props.interviewId} ended={detail?.interview.status === 'ended'} />
      <Transcript turns={detail?.turns ?? null} />
      <p className="no-print">
        <Link to={{ name: 'dashboard' }}>Back to the dashboard</Link>
      </p>
    </section>
  );
}

function ReportBody(props: { report: Report; turns: TurnRecord[] }) {
  const r = props.report;
  const s = r.speech;
  return (
    <div className="report-body" data-testid="report-status" data-status="ready">
      <section className="card overall" aria-labelledby="overall-heading">
        <h2 id="overall-heading">Overall</h2>
        <p className="overall-score" data-testid="overall-score">
          <strong>{Math.round(r.overall)}</strong>
          <span className="muted"> / 100</span>
        </p>
        <p className="muted small">
          Scored by {r.generator === 'offline' ? 'the offline rubric scorer' : r.generator} · {r.version}
        </p>
      </section>

      <section className="card" aria-labelledby="dims-heading">
        <h2 id="dims-heading">By dimension</h2>
        <ul className="dimensions">
          {r.dimensions.map((d) => (
            <li key={d.key} className="dimension" data-testid="dimension">
              <div className="dimension-head">
                <h3>{d.label}</h3>
                <span className="score-pill" aria-label={`${d.score} out of 5, ${scoreLabel(d.score)}`}>
                  {d.score}/5 <span className="muted">· {scoreLabel(d.score)}</span>
                </span>
              </div>
              <meter min={1} max={5} value={d.score} aria-hidden="true" />
              <p>{d.reason}</p>
              {d.evidence.length ? (
                <ul className="evidence" aria-label={`Evidence for ${d.label}`}>
                  {d.evidence.map((e, i) => (
                    <li key={i}>
                      <blockquote>“{e.quote}”</blockquote>
                      <a href={`#turn-${e.turnId}`} onClick={(ev) => jumpToTurn(ev, e.turnId)} className="small">
                        at {formatClock(e.atMs)}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {r.strengths.length || r.improvements.length ? (
        <div className="grid">
          {/* Each box only when it has something in it: an empty "Strengths" card reads as a broken page. */}
          {r.strengths.length ? (
            <section className="card" aria-labelledby="strengths-heading">
              <h2 id="strengths-heading">Strengths</h2>
              <ul>
                {r.strengths.map((n, i) => (
                  <li key={i}>{n.text}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {r.improvements.length ? (
            <section className="card" aria-labelledby="improve-heading">
              <h2 id="improve-heading">To improve</h2>
              <ul>
                {r.improvements.map((n, i) => (
                  <li key={i}>{n.text}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}

      <QuestionList questions={r.questions} turns={props.turns} notes={[...r.strengths, ...r.improvements]} />

      <section className="card" aria-labelledby="speech-heading">
        <h2 id="speech-heading">Speech</h2>
        <dl className="metrics">
          <div>
            <dt>Words per minute</dt>
            <dd>{formatNumber(s.wordsPerMinute)}</dd>
          </div>
          <div>
            <dt>Filler words</dt>
            <dd>
              {s.fillerCount} <span className="muted small">({formatNumber(s.fillerRate, 1)} per 100 words)</span>
            </dd>
          </div>
          <div>
            <dt>Long pauses</dt>
            <dd>{s.longPauses}</dd>
          </div>
          <div>
            <dt>Your share of talk time</dt>
            <dd>{formatPercent(s.talkRatio)}</dd>
          </div>
          <div>
            <dt>Median response time</dt>
            <dd>{s.responseLatencyMsMedian == null ? '—' : `${(s.responseLatencyMsMedian / 1000).toFixed(1)} s`}</dd>
          </div>
          <div>
            <dt>Answer length (mean / longest)</dt>
            <dd>
              {formatNumber(s.answerWordsMean)} / {s.answerWordsMax} words
            </dd>
          </div>
        </dl>
        {Object.keys(s.fillers).length ? (
          <p className="small muted">
            Fillers:{' '}
            {Object.entries(s.fillers)
              .map(([w, n]) => `“${w}” ×${n}`)
              .join(', ')}
          </p>
        ) : null}
      </section>
    </div>
  );
}

/** Fewer than two answered questions: nothing fair to score, so say so instead of showing a 0. */
function IncompleteNotice(props: { report: Report; applicationId: string | null; turns: TurnRecord[] }) {
  return (
    <div className="report-body" data-testid="report-status" data-status="incomplete">
      <section className="card" aria-labelledby="incomplete-heading">
        <h2 id="incomplete-heading">Not scored</h2>
        <p className="alert alert-info" role="status">
          This interview was too short to score: fewer than two questions were answered. It has no overall score and is
          left out of your progress. Your transcript is below.
        </p>
        <p>
          {props.applicationId ? (
            <Link to={{ name: 'precall', applicationId: props.applicationId }} className="button primary">
              Practise again
            </Link>
          ) : (
            <Link to={{ name: 'dashboard' }}>Practise again from the dashboard</Link>
          )}
        </p>
      </section>
      <QuestionList questions={props.report.questions} turns={props.turns} notes={[...props.report.strengths, ...props.report.improvements]} />
    </div>
  );
}

/** The facts under the heading: when, how long, on which voice stack. Each only when known. */
function ReportFacts(props: { interview: InterviewDetail['interview'] }) {
  const iv = props.interview;
  const lengthMs = iv.startedAt && iv.endedAt ? Date.parse(iv.endedAt) - Date.parse(iv.startedAt) : null;
  const stack = iv.stack ? (getStack(iv.stack)?.name ?? iv.stack) : null;
  const facts = [
    formatDate(iv.startedAt ?? iv.createdAt),
    lengthMs != null && lengthMs >= 0 ? `${Math.max(1, Math.round(lengthMs / 60_000))} min` : null,
    stack ? `Voice: ${stack}` : null,
  ].filter((f): f is string => Boolean(f));
  return (
    <p className="report-facts muted" data-testid="report-facts">
      {facts.join(' · ')}
    </p>
  );
}

/** The longest a quoted answer runs before it is cut (the whole answer is in the transcript). */
const QUOTE_MAX_CHARS = 280;

function quoteOf(text: string): string {
  const t = text.trim();
  return t.length > QUOTE_MAX_CHARS ? `${t.slice(0, QUOTE_MAX_CHARS).replace(/\s+\S*$/, '')}…` : t;
}

/** Each question with what the candidate said to it and the feedback on it (its assessment and any notes about it). */
function QuestionList(props: { questions: Report['questions']; turns: TurnRecord[]; notes: Report['strengths'] }) {
  if (!props.questions.length) return null;
  return (
    <section className="card" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      <ol className="questions">
        {props.questions.map((q) => {
          const answers = props.turns.filter((t) => t.speaker === 'candidate' && t.questionId === q.questionId && t.text.trim());
          const notes = props.notes.filter((n) => n.questionId === q.questionId);
          return (
            <li key={q.questionId} data-testid="question">
              <p>
                <strong>{q.text}</strong> <span className={`badge badge-q-${q.status}`}>{q.status.replace('_', ' ')}</span>
              </p>
              {answers.length ? (
                <ul className="evidence" aria-label="What you said">
                  {answers.slice(0, 2).map((t) => (
                    <li key={t.id}>
                      <blockquote>“{quoteOf(t.text)}”</blockquote>
                    </li>
                  ))}
                </ul>
              ) : null}
              {q.assessment ? <p>{q.assessment}</p> : null}
              {notes.length ? (
                <ul className="question-notes">
                  {notes.map((n, i) => (
                    <li key={i}>{n.text}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Turns in the order they were said: by start time, then by sequence for turns that start together. */
export function orderTurns(turns: readonly TurnRecord[]): TurnRecord[] {
  return [...turns].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.sequence - b.sequence);
}

function jumpToTurn(ev: React.MouseEvent, turnId: string) {
  // Hash links drive the router, so scroll by hand rather than changing the hash.
  ev.preventDefault();
  const el = document.getElementById(`turn-${turnId}`);
  el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el?.focus({ preventScroll: true });
}

function Transcript(props: { turns: TurnRecord[] | null }) {
  if (!props.turns) return null;
  const turns = orderTurns(props.turns);
  const t0 = turns.reduce((min, t) => Math.min(min, Date.parse(t.startedAt)), Number.POSITIVE_INFINITY);
  return (
    <section className="card" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">Transcript</h2>
      {turns.length === 0 ? (
        <p>No turns were recorded.</p>
      ) : (
        <ol className="transcript" data-testid="transcript">
          {turns.map((t) => (
            <li key={t.id} id={`turn-${t.turnId}`} tabIndex={-1} className={`turn turn-${t.speaker}`} data-speaker={t.speaker} data-source={t.source} data-started-at={t.startedAt}>
              <span className="turn-time">{formatClock(Date.parse(t.startedAt) - t0)}</span>
              <span className="turn-who">
                {t.speaker === 'recruiter' ? 'Recruiter' : 'You'}
                {t.source === 'typed' ? ' (typed)' : ''}
              </span>
              <span className="turn-text">
                {t.text}
                {t.interrupted ? <span className="muted small"> (interrupted)</span> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The review workspace's pages (issue 18): the reviewer's inbox (shared interviews, calibration
 * items and curve, cohorts), the workspace for one interview or calibration item (transcript with
 * the plan turn by turn, blind scores, comments anchored to a turn or a selected span with STAR
 * marks, agreement after submitting), and the invitation page a reviewer signs up through.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { RUBRIC_DIMENSIONS } from '@mockroom/core/rubric';
import { api } from '../api.js';
import { reviewApi, type Agreement, type CalibrationInput, type CalibrationItem, type CalibrationPoint, type CohortStats, type MyReview, type ReviewComment, type ReviewInbox, type ReviewScoresInput, type ReviewWorkspace } from '../review-api.js';
import { navigate, type Route } from '../router.js';
import { rememberReturn } from '../session.js';
import { ErrorMessage, Link, Notice, PageHeading, Spinner, SubmitButton, useAuth } from '../ui.js';

type ReviewRoute = Extract<Route, { name: 'review-inbox' | 'review-interview' | 'review-calibration' | 'review-invite' }>;

export function ReviewPage(props: { route: ReviewRoute }) {
  const r = props.route;
  switch (r.name) {
    case 'review-inbox':
      return <ReviewInboxPage />;
    case 'review-interview':
      return <InterviewReviewPage key={r.interviewId} interviewId={r.interviewId} />;
    case 'review-calibration':
      return <CalibrationReviewPage key={r.itemId} itemId={r.itemId} />;
    case 'review-invite':
      return <InvitePage token={r.token} />;
  }
}

const formatKappa = (k: number | null | undefined) => (k === null || k === undefined ? '—' : k.toFixed(2));
const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;

// ---------- invitation ----------

function InvitePage(props: { token: string }) {
  const { user, setUser } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [adult, setAdult] = useState(false);

  const accept = async () => {
    const result = await reviewApi.acceptInvitation(props.token);
    navigate(result.kind === 'share' ? { name: 'review-interview', interviewId: result.interviewId } : { name: 'review-inbox' }, { replace: true });
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const signUpAndAccept = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api.signUp({ displayName: name.trim(), email: email.trim(), password, ageConfirmed: adult });
      setUser(created);
      await accept();
    });
  };

  return (
    <section className="card narrow">
      <PageHeading>Review an interview</PageHeading>
      <p>You have been invited to review practice interviews on Mockroom. Candidates share them with consent and can revoke access at any time.</p>
      {user ? (
        <button type="button" disabled={busy} onClick={() => void run(accept)}>
          {busy ? 'Accepting…' : 'Accept the invitation'}
        </button>
      ) : (
        <>
          <form onSubmit={signUpAndAccept} aria-label="Create a reviewer account">
            <label>
              Name
              <input name="displayName" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              Email
              <input name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <label className="checkbox">
              <input type="checkbox" name="ageConfirmed" checked={adult} onChange={(e) => setAdult(e.target.checked)} /> I am 16 or over
            </label>
            <SubmitButton busy={busy} busyLabel="Creating account…">
              Sign up and review
            </SubmitButton>
          </form>
          <p>
            Already have an account?{' '}
            <a
              href="#/signin"
              onClick={() => rememberReturn({ name: 'review-invite', token: props.token })}
            >
              Sign in
            </a>{' '}
            and you will come back here.
          </p>
        </>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

// ---------- inbox ----------

function ReviewInboxPage() {
  const [inbox, setInbox] = useState<ReviewInbox | null>(null);
  const [curve, setCurve] = useState<CalibrationPoint[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    reviewApi.inbox().then(setInbox, setError);
    reviewApi.calibrationCurve().then(setCurve, setError);
  }, []);
  useEffect(load, [load]);
  if (!inbox) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading your reviews…" />;
  return (
    <section className="review-inbox">
      <PageHeading>Reviews</PageHeading>
      <ErrorMessage error={error} />
      <h2>Shared with you</h2>
      {inbox.assignments.length === 0 ? (
        <p>No interviews are shared with you yet. A candidate shares one by sending you an invitation link.</p>
      ) : (
        <ul data-testid="review-assignments">
          {inbox.assignments.map((a) => (
            <li key={a.interviewId}>
              <Link to={{ name: 'review-interview', interviewId: a.interviewId }}>{a.candidate}</Link> — {a.status}
              {a.cohortName ? ` (cohort ${a.cohortName})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>Calibration</h2>
      <p>Reference interviews with gold scores: score them blind, then compare.</p>
      <ul>
        {inbox.calibration.map((item) => (
          <li key={item.id}>
            <Link to={{ name: 'review-calibration', itemId: item.id }}>{item.title}</Link> — {item.status}
            {item.status === 'submitted' ? `, agreement κ ${formatKappa(item.kappa)}` : ''}
          </li>
        ))}
      </ul>
      <CalibrationCurve points={curve} />
      <CohortsPanel cohorts={inbox.cohorts} onChange={load} />
    </section>
  );
}

/** The trainee's agreement with the gold scores over time, as a small line chart and a table. */
function CalibrationCurve(props: { points: CalibrationPoint[] }) {
  if (props.points.length === 0) return <p>Your calibration curve appears once you submit a calibration item.</p>;
  const width = 320;
  const height = 120;
  const xs = props.points.map((_, i) => (props.points.length === 1 ? width / 2 : (i / (props.points.length - 1)) * (width - 20) + 10));
  // Kappa runs from -1 to 1; the chart shows 0..1 (below zero sits on the axis).
  const y = (k: number | null) => height - 10 - Math.max(0, Math.min(1, k ?? 0)) * (height - 20);
  const line = props.points.map((p, i) => `${xs[i]},${y(p.cumulativeKappa)}`).join(' ');
  return (
    <figure>
      <figcaption>Your calibration curve: agreement (quadratic-weighted κ) with the gold scores, all items so far</figcaption>
      <svg width={width} height={height} role="img" aria-label="Calibration curve">
        <line x1={10} x2={width - 10} y1={height - 10} y2={height - 10} stroke="currentColor" strokeOpacity={0.3} />
        <polyline points={line} fill="none" stroke="currentColor" strokeWidth={2} />
        {props.points.map((p, i) => (
          <circle key={p.itemId} cx={xs[i]} cy={y(p.cumulativeKappa)} r={3} />
        ))}
      </svg>
      <table>
        <thead>
          <tr>
            <th>Item</th>
            <th>κ</th>
            <th>Mean difference</th>
            <th>κ so far</th>
          </tr>
        </thead>
        <tbody>
          {props.points.map((p) => (
            <tr key={p.itemId}>
              <td>{p.title}</td>
              <td>{formatKappa(p.kappa)}</td>
              <td>{p.meanAbsoluteDifference === null ? '—' : p.meanAbsoluteDifference.toFixed(2)}</td>
              <td>{formatKappa(p.cumulativeKappa)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function CohortsPanel(props: { cohorts: ReviewInbox['cohorts']; onChange: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await reviewApi.createCohort(name.trim());
      setName('');
      props.onChange();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <h2>Cohorts</h2>
      <ul>
        {props.cohorts.map((k) => (
          <li key={k.id}>
            {k.name} {k.isLead ? <LeadTools cohortId={k.id} /> : '(member)'}
          </li>
        ))}
      </ul>
      <form onSubmit={create} aria-label="Create a cohort">
        <label>
          New cohort you lead
          <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">Create cohort</button>
      </form>
      <ErrorMessage error={error} />
    </>
  );
}

function LeadTools(props: { cohortId: string }) {
  const [link, setLink] = useState<string | null>(null);
  const [stats, setStats] = useState<CohortStats | null>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="lead-tools">
      <p>
        Share code for candidates: <code>{props.cohortId}</code>
      </p>
      <label>
        Reviewer’s email (optional)
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <button type="button" onClick={() => reviewApi.inviteToCohort(props.cohortId, email.trim() || undefined).then((r) => setLink(r.inviteUrl), setError)}>
        Create an invitation link
      </button>
      {link ? (
        <p>
          Invitation (works once): <code>{link}</code>
        </p>
      ) : null}
      <button type="button" onClick={() => reviewApi.cohortStats(props.cohortId).then(setStats, setError)}>
        Show statistics
      </button>
      {stats ? (
        <div>
          <p>{stats.members} members</p>
          <ul>
            {stats.reviewers.map((r) => (
              <li key={r.label}>
                {r.label}: {r.submitted} submitted, κ vs you {formatKappa(r.kappaVsLead)}
              </li>
            ))}
            {stats.interviews.map((i) => (
              <li key={i.interviewId}>
                Interview {i.interviewId.slice(0, 8)}: {i.raters} raters, ICC(2,1) {formatKappa(i.icc)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <PublishCalibration cohortId={props.cohortId} />
      <ErrorMessage error={error} />
    </div>
  );
}

/**
 * A lead publishes a reference interview for their cohort: a transcript written as
 * "Recruiter: …" / "Candidate: …" lines (each recruiter line starts a question) and gold scores.
 */
function PublishCalibration(props: { cohortId: string }) {
  const [title, setTitle] = useState('');
  const [transcript, setTranscript] = useState('');
  const [gold, setGold] = useState<Record<string, number>>(() => Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d.key, 3])));
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const questions: CalibrationInput['plan']['questions'] = [];
    const turns: CalibrationInput['turns'] = [];
    for (const [i, line] of transcript.split('\n').map((l) => l.trim()).filter(Boolean).entries()) {
      const m = /^(recruiter|candidate)\s*:\s*(.+)$/i.exec(line);
      if (!m) {
        setError(new Error(`Line ${i + 1} should start with "Recruiter:" or "Candidate:".`));
        return;
      }
      const speaker = m[1]!.toLowerCase() as 'recruiter' | 'candidate';
      if (speaker === 'recruiter') questions.push({ id: `q${questions.length + 1}`, kind: 'behavioural', competency: 'general', text: m[2]!, strongAnswer: [], followUps: [], keywords: [] });
      turns.push({ turnId: `t${i + 1}`, speaker, text: m[2]!, questionId: questions.at(-1)?.id ?? null });
    }
    if (questions.length === 0) {
      setError(new Error('Start the transcript with a "Recruiter:" line.'));
      return;
    }
    try {
      const item = await reviewApi.publishCalibration(props.cohortId, { title: title.trim(), plan: { version: 1, questions, requiredSkills: [] }, turns, goldScores: gold as CalibrationInput['goldScores'] });
      setDone(item.title);
      setTitle('');
      setTranscript('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={publish} aria-label="Publish a calibration interview">
      <h3>Publish a calibration interview</h3>
      <label>
        Title
        <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Transcript (one turn a line, “Recruiter: …” or “Candidate: …”)
        <textarea value={transcript} required rows={6} onChange={(e) => setTranscript(e.target.value)} />
      </label>
      {RUBRIC_DIMENSIONS.map((d) => (
        <label key={d.key}>
          Gold score: {d.label}
          <select value={gold[d.key]} onChange={(e) => setGold((g) => ({ ...g, [d.key]: Number(e.target.value) }))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit">Publish</button>
      {done ? <span role="status"> Published “{done}”.</span> : null}
      <ErrorMessage error={error} />
    </form>
  );
}

// ---------- workspace ----------

interface TranscriptTurn {
  id: string;
  speaker: 'candidate' | 'recruiter';
  text: string;
  questionId: string | null;
}
interface PlanQuestion {
  id: string;
  text: string;
  strongAnswer: string[];
}

function InterviewReviewPage(props: { interviewId: string }) {
  const [ws, setWs] = useState<ReviewWorkspace | null>(null);
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    reviewApi.workspace(props.interviewId).then(setWs, setError);
  }, [props.interviewId]);
  const submitted = Boolean(ws?.review?.submittedAt);
  useEffect(() => {
    if (submitted) reviewApi.agreement(props.interviewId).then(setAgreement, setError);
  }, [submitted, props.interviewId]);
  if (!ws) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading the interview…" />;
  const setReview = (review: MyReview) => setWs({ ...ws, review });
  return (
    <section className="review-workspace">
      <PageHeading>Review: {ws.interview.candidate}</PageHeading>
      <ErrorMessage error={error} />
      <Transcript
        questions={ws.interview.plan.questions}
        turns={ws.interview.turns.map((t) => ({ id: t.id, speaker: t.speaker, text: t.text, questionId: t.questionId }))}
        comments={ws.comments}
        onComment={async (input) => {
          const comment = await reviewApi.addComment(props.interviewId, input);
          setWs((w) => (w ? { ...w, comments: [...w.comments, comment] } : w));
        }}
      />
      <ScoreForm review={ws.review} onSave={(scores, submit) => reviewApi.saveReview(props.interviewId, scores, submit).then(setReview)} />
      {agreement ? <AgreementView agreement={agreement} /> : null}
      {submitted ? (
        ws.review?.sharedBackAt ? (
          <Notice tone="success">Your comments are shared with the candidate.</Notice>
        ) : (
          <button type="button" onClick={() => reviewApi.shareBack(props.interviewId).then(setReview, setError)}>
            Share my comments with the candidate
          </button>
        )
      ) : null}
    </section>
  );
}

function CalibrationReviewPage(props: { itemId: string }) {
  const [data, setData] = useState<CalibrationItem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => reviewApi.calibrationItem(props.itemId).then(setData, setError), [props.itemId]);
  useEffect(() => void load(), [load]);
  if (!data) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading the reference interview…" />;
  return (
    <section className="review-workspace">
      <PageHeading>Calibration: {data.item.title}</PageHeading>
      <Transcript questions={data.item.plan.questions} turns={data.item.turns.map((t) => ({ id: t.turnId, speaker: t.speaker, text: t.text, questionId: t.questionId }))} />
      <ScoreForm review={data.review} onSave={(scores, submit) => reviewApi.saveCalibration(props.itemId, scores, submit).then(() => void load())} />
      {data.gold ? (
        <table data-testid="gold-scores">
          <caption>Your scores beside the gold scores — agreement κ {formatKappa(data.kappa)}</caption>
          <thead>
            <tr>
              <th>Dimension</th>
              <th>You</th>
              <th>Gold</th>
            </tr>
          </thead>
          <tbody>
            {RUBRIC_DIMENSIONS.map((d) => (
              <tr key={d.key}>
                <td>{d.label}</td>
                <td>{data.review?.scores[d.key as keyof typeof data.review.scores] ?? '—'}</td>
                <td>{data.gold?.[d.key as keyof NonNullable<typeof data.gold>] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}

/** The transcript turn by turn, each question of the plan above its first turn, with comments. */
function Transcript(props: {
  questions: PlanQuestion[];
  turns: TranscriptTurn[];
  comments?: ReviewComment[];
  onComment?: (input: { turnId: string; spanStart?: number; spanEnd?: number; starPart?: (typeof STAR_PARTS)[number]; body: string }) => Promise<void>;
}) {
  const shown = new Set<string>();
  return (
    <ol className="review-transcript">
      {props.turns.map((t) => {
        const question = t.questionId && !shown.has(t.questionId) ? props.questions.find((q) => q.id === t.questionId) : undefined;
        if (question) shown.add(question.id);
        return (
          <li key={t.id} data-testid="review-turn" data-speaker={t.speaker}>
            {question ? (
              <div className="plan-question">
                <strong>Planned question:</strong> {question.text}
                {question.strongAnswer.length ? <div className="hint">A strong answer shows: {question.strongAnswer.join('; ')}</div> : null}
              </div>
            ) : null}
            <TurnView turn={t} comments={(props.comments ?? []).filter((c) => c.turnId === t.id)} onComment={props.onComment} />
          </li>
        );
      })}
    </ol>
  );
}

function TurnView(props: {
  turn: TranscriptTurn;
  comments: ReviewComment[];
  onComment?: ((input: { turnId: string; spanStart?: number; spanEnd?: number; starPart?: (typeof STAR_PARTS)[number]; body: string }) => Promise<void>) | undefined;
}) {
  const textRef = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [span, setSpan] = useState<{ start: number; end: number } | null>(null);
  const [body, setBody] = useState('');
  const [star, setStar] = useState('');
  const [error, setError] = useState<unknown>(null);
  // A selection inside this turn's text becomes the comment's span (offsets into the text).
  const startComment = () => {
    const sel = window.getSelection();
    const el = textRef.current;
    if (sel && el && sel.rangeCount && !sel.isCollapsed && el.contains(sel.anchorNode) && el.contains(sel.focusNode)) {
      const range = sel.getRangeAt(0);
      const pre = document.createRange();
      pre.selectNodeContents(el);
      pre.setEnd(range.startContainer, range.startOffset);
      const start = pre.toString().length;
      setSpan({ start, end: start + range.toString().length });
    } else setSpan(null);
    setOpen(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await props.onComment!({
        turnId: props.turn.id,
        ...(span ? { spanStart: span.start, spanEnd: span.end } : {}),
        ...(star ? { starPart: star as (typeof STAR_PARTS)[number] } : {}),
        body: body.trim(),
      });
      setOpen(false);
      setBody('');
      setStar('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="review-turn">
      <span className="speaker">{props.turn.speaker === 'candidate' ? 'Candidate' : 'Recruiter'}:</span> <span ref={textRef}>{props.turn.text}</span>
      {props.comments.map((c) => (
        <div key={c.id} className="review-comment" data-testid="review-comment">
          {c.starPart ? <span className="star-mark">STAR: {c.starPart}</span> : null}
          {c.spanStart !== null && c.spanEnd !== null ? <q>{props.turn.text.slice(c.spanStart, c.spanEnd)}</q> : null} {c.body}
        </div>
      ))}
      {props.onComment ? (
        open ? (
          <form onSubmit={save} aria-label="Comment on this turn">
            {span ? <p>On: “{props.turn.text.slice(span.start, span.end)}”</p> : <p>On the whole turn</p>}
            <label>
              Comment
              <textarea value={body} maxLength={2000} onChange={(e) => setBody(e.target.value)} />
            </label>
            <label>
              STAR part
              <select value={star} onChange={(e) => setStar(e.target.value)}>
                <option value="">none</option>
                {STAR_PARTS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Save comment</button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <ErrorMessage error={error} />
          </form>
        ) : (
          <button type="button" className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={startComment}>
            Comment
          </button>
        )
      ) : null}
    </div>
  );
}

/** Blind scoring: one 1–5 choice per rubric dimension; submitting is final. */
function ScoreForm(props: { review: MyReview | null; onSave: (scores: ReviewScoresInput, submit: boolean) => Promise<unknown> }) {
  const [scores, setScores] = useState<Record<string, number>>(() => ({ ...(props.review?.scores ?? {}) }) as Record<string, number>);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submitted = Boolean(props.review?.submittedAt);
  const save = async (submit: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await props.onSave(scores as ReviewScoresInput, submit);
      setSaved(!submit);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="score-form"
      aria-label="Your scores"
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <h2>Your scores</h2>
      {submitted ? <p>Submitted. Your scores are final.</p> : <p>Score blind: the AI’s and other reviewers’ scores appear after you submit.</p>}
      {RUBRIC_DIMENSIONS.map((d) => (
        <fieldset key={d.key} disabled={submitted}>
          <legend title={d.description}>{d.label}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="score-choice">
              <input type="radio" name={`score-${d.key}`} value={n} checked={scores[d.key] === n} onChange={() => setScores((s) => ({ ...s, [d.key]: n }))} /> {n}
            </label>
          ))}
        </fieldset>
      ))}
      {submitted ? null : (
        <>
          <button type="button" disabled={busy} onClick={() => void save(false)}>
            Save draft
          </button>
          <SubmitButton busy={busy} busyLabel="Submitting…" disabled={RUBRIC_DIMENSIONS.some((d) => scores[d.key] === undefined)}>
            Submit scores
          </SubmitButton>
          {saved ? <span role="status"> Draft saved.</span> : null}
        </>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}

function AgreementView(props: { agreement: Agreement }) {
  const a = props.agreement;
  const cell = (v: number | null) => (v === null ? '—' : v);
  return (
    <section data-testid="agreement" aria-label="Agreement">
      <h2>Agreement</h2>
      <p>
        On this interview: κ vs the AI {formatKappa(a.kappaVsAi)}, κ vs your lead {formatKappa(a.kappaVsLead)}, ICC(2,1) across {a.raters} reviewers {formatKappa(a.cohortIcc)}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Dimension</th>
            <th>You</th>
            <th>AI</th>
            <th>Lead</th>
            <th>Other reviewers</th>
            <th>κ vs AI over your reviews</th>
          </tr>
        </thead>
        <tbody>
          {a.dimensions.map((d) => (
            <tr key={d.key} data-testid={`agreement-${d.key}`}>
              <td>{d.label}</td>
              <td>{cell(d.mine)}</td>
              <td>{cell(d.ai)}</td>
              <td>{cell(d.lead)}</td>
              <td>{d.others.length ? d.others.join(', ') : '—'}</td>
              <td>
                {formatKappa(d.kappaVsAi)} ({d.pairsVsAi} {d.pairsVsAi === 1 ? 'pair' : 'pairs'})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">κ is Cohen’s weighted kappa with quadratic weights; ICC(2,1) is Shrout &amp; Fleiss’s two-way random, absolute-agreement intraclass correlation. See docs/reviewing.md.</p>
    </section>
  );
}

/**
 * The interview plan on the pre-call page: the questions the recruiter will ask, before the call,
 * to reorder, reword, remove or add to, with the interview type and the recruiter's style. The
 * plan belongs to a scheduled interview created here (and reused on a reload of this page, so
 * drafts do not pile up); the pre-call page starts the call on that interview through `prepare`,
 * which saves what is still unsaved first. The API refuses edits once the call has started.
 */
import { useEffect, useId, useImperativeHandle, useState, type Ref } from 'react';
import { api, client, receive } from '../api.js';
import { INTERVIEW_TYPES } from '../choices.js';
import type { Interview, InterviewType } from '../types.js';
import { ErrorMessage, Spinner, confirmAction } from '../ui.js';
import './plan-editor.css';

/** What the pre-call page asks of the editor when the candidate presses Start. */
export interface PlanEditorHandle {
  /** Saves pending edits, the time box and the stack; the interview to join, or null when there is no draft. */
  prepare(timeBoxMinutes: number, stack: string | null): Promise<string | null>;
}

type Style = NonNullable<Interview['plan']['style']>;
type DraftQuestion = { key: string; id?: string; text: string; kind: string };

const STYLES: readonly { value: Style; label: string; hint: string }[] = [
  { value: 'supportive', label: 'Supportive', hint: 'encouraging, probes gently' },
  { value: 'neutral', label: 'Neutral', hint: 'a realistic interviewer' },
  { value: 'challenging', label: 'Challenging', hint: 'presses for specifics' },
];
const KIND_LABELS: Record<string, string> = { behavioural: 'Behavioural', technical: 'Technical', role_specific: 'Role-specific' };
/** Limits the API enforces (core PlanEdit); checked here too so the form can say so first. */
const MIN_QUESTION_CHARS = 10;
const MAX_QUESTION_CHARS = 500;
const MAX_QUESTIONS = 15;
export const DRAFT_KEY = (applicationId: string) => `mockroom.draftInterview.${applicationId}`;

const plans = client.api.interviews[':id'].plan;

function toDraft(iv: Interview): DraftQuestion[] {
  return iv.plan.questions.map((q) => ({ key: q.id, id: q.id, text: q.text, kind: q.kind }));
}

async function loadOrCreateDraft(applicationId: string): Promise<Interview> {
  const saved = sessionStorage.getItem(DRAFT_KEY(applicationId));
  if (saved) {
    const found = await api.getInterview(saved).catch(() => null);
    if (found && found.interview.status === 'scheduled' && found.turns.length === 0) return found.interview;
  }
  const created = await api.createInterview({ applicationId });
  sessionStorage.setItem(DRAFT_KEY(applicationId), created.id);
  return created;
}

export function PlanEditor(props: { applicationId: string; interviewType?: InterviewType | undefined; ref?: Ref<PlanEditorHandle> }) {
  const [interview, setInterview] = useState<Interview | null>(null);
  const [questions, setQuestions] = useState<DraftQuestion[]>([]);
  const [style, setStyle] = useState<Style>('neutral');
  const [interviewType, setInterviewType] = useState<InterviewType | ''>('');
  const [ownText, setOwnText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const headingId = useId();
  const ownId = useId();
  const typeId = useId();

  const adopt = (iv: Interview) => {
    setInterview(iv);
    setQuestions(toDraft(iv));
    setStyle(iv.plan.style ?? 'neutral');
    setDirty(false);
  };

  useEffect(() => {
    let live = true;
    loadOrCreateDraft(props.applicationId).then(
      (iv) => live && adopt(iv),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [props.applicationId]);

  const problem = (): string | null => {
    if (questions.length === 0) return 'Keep at least one question.';
    const short = questions.findIndex((q) => q.text.trim().length < MIN_QUESTION_CHARS);
    if (short >= 0) return `Question ${short + 1} is too short: write at least ${MIN_QUESTION_CHARS} characters.`;
    const long = questions.findIndex((q) => q.text.trim().length > MAX_QUESTION_CHARS);
    if (long >= 0) return `Question ${long + 1} is too long: at most ${MAX_QUESTION_CHARS} characters.`;
    return null;
  };

  const save = async (timeBoxMinutes?: number, stack?: string | null): Promise<Interview | null> => {
    if (!interview) return null;
    const invalid = problem();
    if (invalid) throw new Error(invalid);
    const body = {
      ...(dirty ? { questions: questions.map((q) => ({ ...(q.id ? { id: q.id } : {}), text: q.text.trim() })) } : {}),
      style,
      ...(timeBoxMinutes ? { timeBoxMinutes } : {}),
      ...(stack ? { stack } : {}),
    };
    const saved = (await receive(plans.$put({ param: { id: interview.id }, json: body }))).interview;
    adopt(saved);
    return saved;
  };

  useImperativeHandle(props.ref, () => ({
    prepare: async (timeBoxMinutes: number, stack: string | null) => {
      const saved = await save(timeBoxMinutes, stack);
      if (saved) sessionStorage.removeItem(DRAFT_KEY(props.applicationId));
      return saved?.id ?? null;
    },
  }));

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await what();
      setStatus(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const edit = (next: DraftQuestion[]) => {
    setQuestions(next);
    setDirty(true);
    setStatus('');
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    edit(next);
    setStatus(`Question moved to position ${i + by + 1}.`);
  };
  const setText = (i: number, text: string) => {
    // A reworded question is the candidate's own from now on (the API gives it a fresh id).
    edit(questions.map((q, j) => (j === i ? { ...q, text } : q)));
  };
  const remove = (i: number) => {
    edit(questions.filter((_, j) => j !== i));
    setStatus(`Question ${i + 1} removed.`);
  };
  const addOwn = () => {
    const text = ownText.trim();
    if (text.length < MIN_QUESTION_CHARS) {
      setError(new Error(`Write at least ${MIN_QUESTION_CHARS} characters for your question.`));
      return;
    }
    edit([...questions, { key: `new-${Date.now()}`, text, kind: 'own' }]);
    setOwnText('');
    setError(null);
    setStatus('Your question was added at the end.');
  };
  const rebuild = () => {
    if (!interview || !interviewType) return;
    if (dirty && !confirmAction('Rebuilding replaces the questions, including your changes. Rebuild?')) return;
    void run(async () => {
      const res = await receive(client.api.interviews[':id'].plan.rebuild.$post({ param: { id: interview.id }, json: { interviewType, style } }));
      adopt(res.interview);
    }, 'New questions built for this interview type.');
  };

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!interview) return <Spinner label="Preparing your interview plan…" />;
  const currentType = (interview.plan.interviewType as InterviewType | undefined) ?? props.interviewType ?? '';

  return (
    <section className="card plan-editor" aria-labelledby={headingId}>
      <h2 id={headingId}>Your interview plan</h2>
      <p className="muted small">
        The recruiter asks these questions in this order. Reword, reorder or remove them, or add your own, before you start.
      </p>

      <div className="field">
        <label htmlFor={typeId}>Interview type</label>
        <div className="actions">
          <select id={typeId} value={interviewType || currentType} onChange={(e) => setInterviewType(e.target.value as InterviewType)}>
            <option value="" disabled>
              Choose a type…
            </option>
            {INTERVIEW_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={rebuild} disabled={busy || !interviewType || interviewType === currentType}>
            Build questions for this type
          </button>
        </div>
      </div>

      <fieldset className="field">
        <legend>Interviewer style</legend>
        {STYLES.map((s) => (
          <label key={s.value} className="check">
            <input
              type="radio"
              name={`${headingId}-style`}
              value={s.value}
              checked={style === s.value}
              onChange={() => {
                setStyle(s.value);
                setDirty(true);
              }}
            />{' '}
            {s.label} <span className="muted small">({s.hint})</span>
          </label>
        ))}
      </fieldset>

      <ol className="plan-questions" aria-label="Planned questions">
        {questions.map((q, i) => {
          const label = `Question ${i + 1}`;
          return (
            <li key={q.key} className="plan-question" data-testid="plan-question">
              <label htmlFor={`${headingId}-q-${q.key}`}>
                {label} <span className="badge">{KIND_LABELS[q.kind] ?? 'Your own'}</span>
              </label>
              <textarea
                id={`${headingId}-q-${q.key}`}
                value={q.text}
                rows={2}
                maxLength={MAX_QUESTION_CHARS}
                onChange={(e) => setText(i, e.target.value)}
              />
              <div className="actions">
                {/* The visible word starts the accessible name (WCAG 2.5.3); the question number is for screen readers. */}
                <button type="button" className="button small" onClick={() => move(i, -1)} disabled={i === 0}>
                  Move up<span className="visually-hidden"> question {i + 1}</span>
                </button>
                <button type="button" className="button small" onClick={() => move(i, 1)} disabled={i === questions.length - 1}>
                  Move down<span className="visually-hidden"> question {i + 1}</span>
                </button>
                <button type="button" className="button small" onClick={() => remove(i)} disabled={questions.length <= 1}>
                  Remove<span className="visually-hidden"> question {i + 1}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>

      <div className="field">
        <label htmlFor={ownId}>Add your own question</label>
        <textarea id={ownId} value={ownText} rows={2} maxLength={MAX_QUESTION_CHARS} onChange={(e) => setOwnText(e.target.value)} />
        <div className="actions">
          <button type="button" className="button" onClick={addOwn} disabled={questions.length >= MAX_QUESTIONS}>
            Add question
          </button>
        </div>
      </div>

      <ErrorMessage error={error} />
      <p className="muted small" role="status" aria-live="polite">
        {status || (dirty ? 'You have unsaved changes; they are saved when you start.' : '')}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy || !dirty} onClick={() => void run(() => save(), 'Plan saved.')}>
          {busy ? 'Saving…' : 'Save plan'}
        </button>
      </div>
    </section>
  );
}

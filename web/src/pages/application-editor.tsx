/** Application editor: the job (company, role, seniority, type, JD) and the account's CV. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApplicationInput as ApplicationRules, INPUT_LIMITS } from '@mockroom/core/input-rules';
import { api } from '../api.js';
import { checkWith, fieldsOf, formLevelError } from '../form-errors.js';
import { formatBytes, formatDate } from '../format.js';
import { navigate } from '../router.js';
import { DeleteApplicationButton } from '../privacy/delete-buttons.js';
import { INTERVIEW_TYPES, SENIORITIES } from '../choices.js';
import type { RequirementRow } from '../fit-evidence.js';
import type { ApplicationAnalysis, ApplicationInput, Cv, InterviewType, Seniority } from '../types.js';
import { confirmAction, ErrorMessage, Field, Link, Notice, PageHeading, Spinner, SubmitButton } from '../ui.js';

const EMPTY: ApplicationInput = { company: '', role: '', seniority: 'mid', interviewType: 'mixed', jobDescription: '' };
export const CV_ACCEPT = '.pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown';
/** Uploads above this are refused by the API too (the same shared limit); checking first saves a slow upload. */
export const MAX_CV_BYTES = INPUT_LIMITS.cvUploadBytes;

export function ApplicationEditorPage(props: { id: string | null }) {
  const [form, setForm] = useState<ApplicationInput | null>(props.id ? null : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [analysis, setAnalysis] = useState<ApplicationAnalysis | null>(null);

  useEffect(() => {
    if (!props.id) return;
    const id = props.id;
    api
      .getApplication(id)
      .then((a) =>
        setForm({ company: a.company, role: a.role, seniority: a.seniority, interviewType: a.interviewType, jobDescription: a.jobDescription }),
      )
      .catch(setError);
    api.getAnalysis(id).then(setAnalysis).catch(() => setAnalysis(null));
  }, [props.id]);

  // The fit analysis depends on the CV: a new, edited or deleted CV changes it at once.
  const reloadAnalysis = useCallback(() => {
    if (props.id) api.getAnalysis(props.id).then(setAnalysis).catch(() => setAnalysis(null));
  }, [props.id]);

  const update = <K extends keyof ApplicationInput>(key: K, value: ApplicationInput[K]) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [key]: value } : f));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    try {
      // The same rules the API applies (core/src/input-rules.ts), checked before anything is sent.
      const input = checkWith(ApplicationRules, form);
      if (props.id) {
        await api.updateApplication(props.id, input);
        setSaved(true);
        api.getAnalysis(props.id).then(setAnalysis).catch(() => undefined);
      } else {
        const created = await api.createApplication(input);
        navigate({ name: 'application', id: created.id });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fields = fieldsOf(error);
  return (
    <section>
      <PageHeading>{props.id ? 'Edit application' : 'New application'}</PageHeading>
      <div className="grid">
        <section className="card" aria-labelledby="job-heading">
          <h2 id="job-heading">The job</h2>
          {!form ? (
            error ? <ErrorMessage error={error} /> : <Spinner label="Loading application…" />
          ) : (
            <form onSubmit={onSubmit}>
              <Field label="Company" error={fields.company} count={{ length: form.company.length, max: INPUT_LIMITS.company }}>
                {(id, described, invalid) => (
                  <input id={id} name="company" required maxLength={INPUT_LIMITS.company} aria-invalid={invalid} aria-describedby={described} value={form.company} onChange={(e) => update('company', e.target.value)} />
                )}
              </Field>
              <Field label="Role" error={fields.role} count={{ length: form.role.length, max: INPUT_LIMITS.role }}>
                {(id, described, invalid) => (
                  <input id={id} name="role" required maxLength={INPUT_LIMITS.role} aria-invalid={invalid} aria-describedby={described} value={form.role} onChange={(e) => update('role', e.target.value)} />
                )}
              </Field>
              <div className="row">
                <Field label="Seniority">
                  {(id) => (
                    <select id={id} name="seniority" value={form.seniority} onChange={(e) => update('seniority', e.target.value as Seniority)}>
                      {SENIORITIES.map((s) => (
                        <option key={s} value={s}>
                          {s[0]?.toUpperCase()}
                          {s.slice(1)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Interview type">
                  {(id) => (
                    <select id={id} name="interviewType" value={form.interviewType} onChange={(e) => update('interviewType', e.target.value as InterviewType)}>
                      {INTERVIEW_TYPES.map((t) => (
                        <option key={t.value} value={t.value}>
                          {t.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {/* No maxLength here: a long paste would be cut silently. The counter turns red and the form says the limit instead. */}
              <Field
                label="Job description"
                error={fields.jobDescription}
                hint="Paste the advert; the questions are built from it."
                count={{ length: form.jobDescription.length, max: INPUT_LIMITS.jobDescription }}
              >
                {(id, described, invalid) => (
                  <textarea id={id} name="jobDescription" rows={10} required aria-invalid={invalid} aria-describedby={described} value={form.jobDescription} onChange={(e) => update('jobDescription', e.target.value)} />
                )}
              </Field>
              <ErrorMessage error={formLevelError(error, ['company', 'role', 'jobDescription'])} />
              {saved ? <Notice tone="success">Saved.</Notice> : null}
              <div className="actions">
                <SubmitButton busy={busy} busyLabel="Saving…" disabled={!form.company.trim() || !form.role.trim() || !form.jobDescription.trim()}>Save application</SubmitButton>
                {props.id ? (
                  <Link to={{ name: 'precall', applicationId: props.id }} className="button">
                    Practise this interview
                  </Link>
                ) : null}
              </div>
            </form>
          )}
          {props.id && form ? <DeleteApplicationButton applicationId={props.id} label={`${form.role} at ${form.company}`} onDeleted={() => navigate({ name: 'dashboard' })} /> : null}
        </section>
        <div className="stack">
          <CvCard onChange={reloadAnalysis} />
          {analysis ? <AnalysisCard analysis={analysis} /> : null}
        </div>
      </div>
    </section>
  );
}

function CvCard(props: { onChange: () => void }) {
  const [cv, setCv] = useState<Cv | null | undefined>(undefined);
  // The extracted text as the person corrects it; saved back as the CV's text.
  const [edited, setEdited] = useState<string | null>(null);
  const [mode, setMode] = useState<'upload' | 'paste'>('upload');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    api.getCv().then(setCv).catch((err: unknown) => {
      setCv(null);
      setError(err);
    });
  }, []);

  const run = async (fn: () => Promise<Cv>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setCv(await fn());
      setEdited(null);
      setMessage(done);
      props.onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_CV_BYTES) {
      setError(new Error(`That file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_CV_BYTES)}.`));
      return;
    }
    void run(() => api.uploadCv(file), 'CV uploaded. Check the extracted text below and correct it if anything was read wrongly.');
  };

  return (
    <section className="card" aria-labelledby="cv-heading">
      <h2 id="cv-heading">Your CV</h2>
      <p className="muted small">One CV per account; a new one replaces the old. It is used to tailor questions.</p>
      <p className="muted small" data-testid="cv-dossier-note">
        Deleting your CV removes its text and summary at once. Interviews you already had keep the copy of the CV they were built from (shown on their report) until you
        delete those interviews.
      </p>
      <div className="segmented" role="radiogroup" aria-label="How to add your CV">
        <label>
          <input type="radio" name="cv-mode" value="upload" checked={mode === 'upload'} onChange={() => setMode('upload')} /> Upload a file
        </label>
        <label>
          <input type="radio" name="cv-mode" value="paste" checked={mode === 'paste'} onChange={() => setMode('paste')} /> Paste text
        </label>
      </div>
      {mode === 'upload' ? (
        <Field label="CV file" hint="PDF, DOCX, TXT or Markdown, up to 5 MB.">
          {(id, hint) => <input id={id} type="file" accept={CV_ACCEPT} aria-describedby={hint} disabled={busy} onChange={(e) => onFile(e.target.files?.[0])} />}
        </Field>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.pasteCv(pasted), 'CV saved.');
          }}
        >
          <Field label="CV text" count={{ length: pasted.length, max: INPUT_LIMITS.cvText }}>
            {(id, described) => <textarea id={id} name="cvText" rows={8} aria-describedby={described} value={pasted} onChange={(e) => setPasted(e.target.value)} />}
          </Field>
          <button type="submit" className="button" disabled={busy || !pasted.trim() || pasted.length > INPUT_LIMITS.cvText}>
            {busy ? 'Saving…' : 'Save CV'}
          </button>
        </form>
      )}
      <ErrorMessage error={error} />
      {message ? <Notice tone="success">{message}</Notice> : null}
      {cv === undefined ? (
        <Spinner label="Loading CV…" />
      ) : cv ? (
        <details className="cv-preview" open>
          <summary>
            Extracted text{cv.fileName ? ` from ${cv.fileName}` : ''} · {formatDate(cv.updatedAt)}
          </summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (edited === null) return;
              void run(() => api.saveCvText(edited, cv.fileName), 'Your corrections to the CV text are saved.');
            }}
          >
            <Field label="Extracted CV text" hint="Correct anything the file reader got wrong, then save." count={{ length: (edited ?? cv.text).length, max: INPUT_LIMITS.cvText }}>
              {(id, described) => (
                <textarea id={id} name="cvExtracted" rows={12} aria-describedby={described} value={edited ?? cv.text} onChange={(e) => setEdited(e.target.value)} />
              )}
            </Field>
            <div className="actions">
              <button type="submit" className="button" disabled={busy || edited === null || edited === cv.text || !edited.trim() || edited.length > INPUT_LIMITS.cvText}>
                {busy ? 'Saving…' : 'Save corrections'}
              </button>
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  if (!confirmAction('Delete your CV? Its text is removed for good; your applications stay.')) return;
                  void api.deleteCv().then(() => {
                    setCv(null);
                    setEdited(null);
                    setMessage('CV deleted.');
                    props.onChange();
                  }, setError);
                }}
              >
                Delete CV
              </button>
            </div>
          </form>
        </details>
      ) : (
        <p>No CV yet.</p>
      )}
    </section>
  );
}

function AnalysisCard(props: { analysis: ApplicationAnalysis }) {
  const a = props.analysis;
  // Each requirement with the line of the owner's own CV behind a match (see fit-evidence.ts). The
  // matcher carries core's skill vocabulary, so it loads as its own chunk, only on this page.
  const [rows, setRows] = useState<RequirementRow[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([import('../fit-evidence.js'), api.getCv().catch(() => null)]).then(
      ([m, cv]) => live && setRows(m.requirementRows(a, cv?.text ?? null)),
      () => live && setRows(null),
    );
    return () => {
      live = false;
    };
  }, [a]);
  return (
    <section className="card" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">Fit analysis</h2>
      {typeof a.fitScore === 'number' ? (
        <p>
          Fit score: <strong>{Math.round(a.fitScore)}</strong>/100
        </p>
      ) : null}
      {a.fitBasis.length ? (
        <details className="fit-basis">
          <summary>How the score was reached</summary>
          <ul>
            {a.fitBasis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {!rows ? (
        <SkillList title="Skills the job requires" items={a.required} chips />
      ) : rows.length ? (
        <>
          <h3 id="requirements-heading">The job's requirements and your CV</h3>
          <ul className="requirements" aria-labelledby="requirements-heading" data-testid="requirements">
            {rows.map((r) => (
              <li key={r.skill} data-matched={r.matched}>
                <span className="requirement-skill">{r.skill}</span>{' '}
                <span className="badge">{r.kind === 'required' ? 'required' : 'nice to have'}</span>{' '}
                <span className={`badge ${r.matched ? 'badge-q-answered' : 'badge-failed'}`}>{r.matched ? 'matched' : 'gap'}</span>
                {r.evidence ? (
                  <span className="requirement-evidence small">
                    <span className="visually-hidden">Your CV: </span>
                    <q>{r.evidence}</q>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <SkillList title="Skills found in your CV" items={a.cvSkills} chips />
      {/* The requirement rows already name every gap; the plain list is the fallback while they load. */}
      {!rows ? <SkillList title="Gaps to prepare" items={a.gaps} /> : null}
    </section>
  );
}

/** A headed list of skill names (as chips, or a plain list); nothing when there are none. */
function SkillList(props: { title: string; items: readonly string[] | undefined; chips?: boolean }) {
  if (!props.items?.length) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <ul className={props.chips ? 'chips' : undefined}>
        {props.items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </>
  );
}

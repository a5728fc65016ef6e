/**
 * Delete an interview or an application, after a confirmation that says what will go. Used on the
 * dashboard, the report and the application page.
 */
import './privacy.css';
import { useState } from 'react';
import { confirmAction, ErrorMessage } from '../ui.js';
import { privacyApi } from './privacy-api.js';

export const INTERVIEW_DELETION_TEXT =
  'Delete this interview now? Its transcript, report, speech metrics and dossier (the CV snapshot, job analysis and question plan it was built from) will be deleted for good. This cannot be undone.';

export function DeleteInterviewButton(props: { interviewId: string; label: string; onDeleted: () => void; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    if (!confirmAction(INTERVIEW_DELETION_TEXT)) return;
    setBusy(true);
    setError(null);
    try {
      await privacyApi.deleteInterview(props.interviewId);
      props.onDeleted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={props.className ?? 'link-button danger'} disabled={busy} onClick={() => void run()} aria-label={`Delete the interview for ${props.label}`}>
        {busy ? 'Deleting…' : 'Delete'}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}

export function DeleteApplicationButton(props: { applicationId: string; label: string; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    const question = `Delete the application for ${props.label} now? Its job description, its analysis and every interview practised for it (transcripts, reports, dossiers) will be deleted for good. Your CV stays. This cannot be undone.`;
    if (!confirmAction(question)) return;
    setBusy(true);
    setError(null);
    try {
      await privacyApi.deleteApplication(props.applicationId);
      props.onDeleted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="danger-zone">
      <button type="button" className="button danger" disabled={busy} onClick={() => void run()}>
        {busy ? 'Deleting…' : 'Delete this application'}
      </button>
      <p className="muted small">Deletes the job description, the analysis and all interviews for this application, at once.</p>
      <ErrorMessage error={error} />
    </div>
  );
}

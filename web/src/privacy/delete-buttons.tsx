/**
 * Delete an interview or an application, after a confirmation that says what will go. Used on the
 * dashboard, the report and the application page.
 */
import './privacy.css';
import { ErrorMessage, useConfirmedAction } from '../ui.js';
import { privacyApi } from './privacy-api.js';

export const INTERVIEW_DELETION_TEXT =
  'Delete this interview now? Its transcript, report, speech metrics and dossier (the CV snapshot, job analysis and question plan it was built from) will be deleted for good. This cannot be undone.';

export function DeleteInterviewButton(props: { interviewId: string; label: string; onDeleted: () => void; className?: string }) {
  const { run, busy, error } = useConfirmedAction(
    () => INTERVIEW_DELETION_TEXT,
    async () => {
      await privacyApi.deleteInterview(props.interviewId);
      props.onDeleted();
    },
  );
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
  const { run, busy, error } = useConfirmedAction(
    () =>
      `Delete the application for ${props.label} now? Its job description, its analysis and every interview practised for it (transcripts, reports, dossiers) will be deleted for good. Your CV stays. This cannot be undone.`,
    async () => {
      await privacyApi.deleteApplication(props.applicationId);
      props.onDeleted();
    },
  );
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

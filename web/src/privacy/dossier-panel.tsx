/**
 * The report's "what this interview was built from" panel: the CV snapshot, the job description,
 * the analysis and the question plan kept with the interview, and the button that deletes it all.
 */
import './privacy.css';
import { useEffect, useState } from 'react';
import { navigate } from '../router.js';
import { ErrorMessage } from '../ui.js';
import { DeleteInterviewButton } from './delete-buttons.js';
import { privacyApi } from './privacy-api.js';

type Dossier = Awaited<ReturnType<typeof privacyApi.getDossier>>;

export function InterviewPrivacyPanel(props: { interviewId: string }) {
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    privacyApi.getDossier(props.interviewId).then(setDossier, setError);
  }, [props.interviewId]);

  return (
    <section className="card no-print" aria-labelledby="dossier-heading">
      <h2 id="dossier-heading">What this interview was built from</h2>
      <p className="muted small">
        Mockroom keeps a copy of the CV, the job description, the analysis and the questions with each interview, so the report reads the same after you change them.
        Deleting your CV does not delete these copies; deleting the interview does.
      </p>
      <ErrorMessage error={error} />
      {dossier ? (
        <div className="dossier" data-testid="dossier">
          <details>
            <summary>CV snapshot</summary>
            {dossier.cvSnapshot ? <pre className="dossier-text">{dossier.cvSnapshot}</pre> : <p>No CV was on file when this interview was created.</p>}
          </details>
          <details>
            <summary>Job description ({dossier.role} at {dossier.company})</summary>
            <pre className="dossier-text">{dossier.jobDescription}</pre>
          </details>
          {dossier.analysis ? (
            <details>
              <summary>Analysis</summary>
              <p>Fit score: {Math.round(dossier.analysis.fitScore)} / 100</p>
              {dossier.analysis.gaps.length ? <p>Gaps: {dossier.analysis.gaps.join(', ')}</p> : null}
            </details>
          ) : null}
          <details>
            <summary>Question plan ({dossier.plan.questions.length} questions)</summary>
            <ol>
              {dossier.plan.questions.map((q) => (
                <li key={q.id}>{q.text}</li>
              ))}
            </ol>
          </details>
        </div>
      ) : null}
      <p>
        <DeleteInterviewButton
          interviewId={props.interviewId}
          label={dossier ? `${dossier.role} at ${dossier.company}` : 'this interview'}
          className="button danger"
          onDeleted={() => navigate({ name: 'dashboard' })}
        />
      </p>
    </section>
  );
}

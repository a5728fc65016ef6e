/**
 * On a report: "Practise again" (the same plan, or only the questions answered thinly, cut off or
 * skipped) creates a new scheduled interview with the copied plan and opens the pre-call page on
 * it (as the plan editor's draft, where it can still be edited before the call); and
 * "Before and after" lists questions answered in an earlier interview with both outcomes.
 */
import { useEffect, useState } from 'react';
import { navigate } from '../router.js';
import { DRAFT_KEY } from '../pages/plan-editor.js';
import { formatDate } from '../format.js';
import { ErrorMessage } from '../ui.js';
import { habitsApi, type BeforeAfter } from './habits-api.js';

const STATUS_TEXT: Record<string, string> = {
  answered: 'answered in full',
  insufficient: 'thin answer',
  interrupted: 'cut off',
  skipped: 'skipped',
  not_asked: 'not asked',
};
const statusText = (s: string) => STATUS_TEXT[s] ?? s;

export function PractiseAgainPanel(props: { interviewId: string; scored: boolean }) {
  const [busy, setBusy] = useState<'same' | 'weak' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pairs, setPairs] = useState<BeforeAfter | null>(null);

  useEffect(() => {
    let live = true;
    habitsApi.beforeAfter(props.interviewId).then(
      (b) => live && setPairs(b),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [props.interviewId, props.scored]);

  const again = async (mode: 'same' | 'weak') => {
    setBusy(mode);
    setError(null);
    try {
      const iv = await habitsApi.practiseAgain(props.interviewId, mode);
      // The pre-call page's plan editor opens this interview (its copied plan) as the draft to start.
      sessionStorage.setItem(DRAFT_KEY(iv.applicationId), iv.id);
      navigate({ name: 'precall', applicationId: iv.applicationId });
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  return (
    <>
      {pairs && pairs.items.length > 0 ? (
        <section className="card" aria-labelledby="before-after-heading">
          <h2 id="before-after-heading">Before and after</h2>
          <p className="muted small">Questions you answered in an earlier interview.</p>
          <ul className="before-after-list">
            {pairs.items.map((item) => (
              <li key={item.questionId}>
                <strong>{item.text}</strong>
                <div>
                  Before ({formatDate(item.before.completedAt)}): {statusText(item.before.status)}. {item.before.assessment}
                </div>
                <div>Now: {item.after ? `${statusText(item.after.status)}. ${item.after.assessment}` : 'not scored yet.'}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.scored ? (
        <section className="card no-print" aria-labelledby="practise-again-heading">
          <h2 id="practise-again-heading">Practise again</h2>
          <p>Take this interview again: the same questions, or only the ones to work on.</p>
          <ErrorMessage error={error} />
          <div className="button-row">
            <button type="button" className="button primary" disabled={busy !== null} onClick={() => void again('same')}>
              {busy === 'same' ? 'Preparing…' : 'Practise the same questions'}
            </button>{' '}
            <button type="button" className="button" disabled={busy !== null} onClick={() => void again('weak')}>
              {busy === 'weak' ? 'Preparing…' : 'Practise only the weak questions'}
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}

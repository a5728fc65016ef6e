/**
 * Pre-call choice of the voice provider stack (speech-to-text, interviewer, voice) among those the
 * server offers. The server refuses a stack it cannot run when the interview is created, so this
 * list is a convenience, not the check. With a single offered stack it only says which one.
 */
import { useEffect, useState } from 'react';
import { stacksApi, type StackItem } from '../stacks-api.js';
import { ErrorMessage, Field, Link } from '../ui.js';

export function StackPicker(props: { value: string | null; onChange: (stackId: string) => void }) {
  const [stacks, setStacks] = useState<StackItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { value, onChange } = props;

  useEffect(() => {
    let live = true;
    stacksApi.listStacks().then((r) => {
      // A list that arrives after this mount ended (React runs effects twice in development) must
      // not reset a stack the candidate has picked since.
      if (!live) return;
      const offered = r.stacks.filter((s) => s.available);
      setStacks(offered);
      // The page keeps the choice; this picker can be mounted again while the page lives (the page
      // re-renders its sections as the microphone and the plan load), and must not undo a choice.
      if (value && offered.some((s) => s.id === value)) return;
      if (r.defaultStack) onChange(r.defaultStack);
      else if (offered[0]) onChange(offered[0].id);
    }, (err: unknown) => live && setError(err));
    // Loaded once per mount; onChange is the page's state setter.
    return () => {
      live = false;
    };
  }, []);

  const chosen = stacks?.find((s) => s.id === value) ?? null;
  return (
    <section className="card" aria-labelledby="stack-heading" data-testid="stack-picker">
      <h2 id="stack-heading">Voice providers</h2>
      <ErrorMessage error={error} />
      {stacks === null ? null : stacks.length === 0 ? (
        <p className="alert alert-error" role="alert">
          This server offers no voice stack right now; the interview cannot start. Ask its operator to check INTERVIEW_STACKS.
        </p>
      ) : (
        <Field label="Voice stack" hint="Which speech recognition, interviewer and voice run your call.">
          {(id, hint) => (
            <select id={id} aria-describedby={hint} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
              {stacks.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {chosen ? (
        <p className="muted small" data-testid="stack-description">
          {chosen.description}
        </p>
      ) : null}
      <p className="small">
        <Link to={{ name: 'stacks' }}>Compare the stacks</Link>
      </p>
    </section>
  );
}

/**
 * On a tryout's report: "Keep this report — create your account". Shown only while the session is a
 * tryout guest. Claiming turns the guest into a full account (the same account, so the report and
 * transcript stay), asking what sign-up asks: name, email, password and the age confirmation.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { DisplayName, INPUT_LIMITS, PASSWORD_TOO_SHORT } from '@mockroom/core/input-rules';
import { checkWith, FieldCheckError, fieldsOf, formLevelError } from '../form-errors.js';
import { navigate } from '../router.js';
import { ErrorMessage, Field, SubmitButton, useAuth } from '../ui.js';
import { AGE_NOT_CONFIRMED, AgeConfirmation } from '../privacy/age-confirmation.js';
import { tryoutApi } from './tryout-api.js';

export function TryoutClaimPanel(props: { interviewId: string }) {
  const { user, setUser } = useAuth();
  const [guest, setGuest] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    tryoutApi.state().then(
      (s) => live && setGuest(s.guest && s.interviewId === props.interviewId),
      () => live && setGuest(false),
    );
    return () => {
      live = false;
    };
  }, [props.interviewId, user?.id]);

  if (!guest) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = checkWith(DisplayName, displayName);
      if (password.length < INPUT_LIMITS.passwordMin) throw new FieldCheckError({ password: PASSWORD_TOO_SHORT });
      if (!ageConfirmed) throw new FieldCheckError({ ageConfirmed: AGE_NOT_CONFIRMED });
      const claimed = await tryoutApi.claim({ email: email.trim(), displayName: name, password, ageConfirmed });
      setUser(claimed);
      navigate({ name: 'dashboard' });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const fields = fieldsOf(error);
  return (
    <section className="card no-print" aria-labelledby="tryout-claim-heading" data-testid="tryout-claim">
      <h2 id="tryout-claim-heading">Keep this report — create your account</h2>
      <p>
        This was a free tryout. Create your free account to keep this report and its transcript, and to practise for the jobs you are applying for.
        Unclaimed tryouts are deleted after a while.
      </p>
      <form onSubmit={submit} noValidate>
        <Field label="Name" error={fields.displayName}>
          {(id, described, invalid) => (
            <input id={id} name="displayName" autoComplete="name" required maxLength={INPUT_LIMITS.displayName} aria-invalid={invalid} aria-describedby={described} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <Field label="Email" error={fields.email}>
          {(id, described, invalid) => (
            <input id={id} name="email" type="email" autoComplete="email" required maxLength={INPUT_LIMITS.email} aria-invalid={invalid} aria-describedby={described} value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Password" error={fields.password} hint={`At least ${INPUT_LIMITS.passwordMin} characters.`}>
          {(id, described, invalid) => (
            <input id={id} name="password" type="password" autoComplete="new-password" required minLength={INPUT_LIMITS.passwordMin} aria-invalid={invalid} aria-describedby={described} value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <AgeConfirmation checked={ageConfirmed} onChange={setAgeConfirmed} error={fields.ageConfirmed} />
        <ErrorMessage error={formLevelError(error, ['displayName', 'email', 'password', 'ageConfirmed'])} />
        <SubmitButton busy={busy} busyLabel="Creating your account…">
          Create my account
        </SubmitButton>
      </form>
    </section>
  );
}

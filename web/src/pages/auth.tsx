/** Sign up, sign in, verify email, forgot and reset password. */
import { useState, type FormEvent } from 'react';
import { DisplayName, INPUT_LIMITS, PASSWORD_TOO_SHORT } from '@mockroom/core/input-rules';
import { api } from '../api.js';
import { checkWith, FieldCheckError, fieldsOf, formLevelError } from '../form-errors.js';
import { navigate } from '../router.js';
import { takeReturn } from '../session.js';
import { ErrorMessage, Field, Link, Notice, PageHeading, SubmitButton, useAuth } from '../ui.js';
import { AGE_NOT_CONFIRMED, AgeConfirmation } from '../privacy/age-confirmation.js';
import { browserSignupCreditFields } from '../credits/credits-format.js';

/** A floor checked before the request so the form says why; the API enforces its own rule too. */
export const MIN_PASSWORD_LENGTH = INPUT_LIMITS.passwordMin;

function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new FieldCheckError({ password: PASSWORD_TOO_SHORT });
}

function useSubmit<T>(fn: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit, setError };
}

export function SignUpPage() {
  const { setUser } = useAuth();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const [checkEmail, setCheckEmail] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    const name = checkWith(DisplayName, displayName);
    checkPasswordLength(password);
    if (!ageConfirmed) throw new FieldCheckError({ ageConfirmed: AGE_NOT_CONFIRMED });
    await api.signUp({ email: email.trim(), displayName: name, password, ageConfirmed, ...browserSignupCreditFields() });
    // A taken address gets the same answer as a new one but no session (its owner is emailed instead).
    const user = await api.me().catch(() => null);
    if (!user) {
      setCheckEmail(true);
      return;
    }
    setUser(user);
    navigate({ name: 'dashboard' });
  });
  const fields = fieldsOf(error);
  return (
    <section className="card narrow">
      <PageHeading>Create your account</PageHeading>
      <p className="lead">Practise interviews by voice with an AI recruiter, then get a scored report.</p>
      {checkEmail && <Notice tone="info">Check your email to continue. If this address already has an account, sign in or reset your password.</Notice>}
      <form onSubmit={submit} noValidate>
        <Field label="Name" error={fields.displayName} hint={`Up to ${INPUT_LIMITS.displayName} characters.`}>
          {(id, described, invalid) => (
            <input id={id} name="displayName" autoComplete="name" required maxLength={INPUT_LIMITS.displayName} aria-invalid={invalid} aria-describedby={described} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <Field label="Email" error={fields.email}>
          {(id, described, invalid) => (
            <input id={id} name="email" type="email" autoComplete="email" required maxLength={INPUT_LIMITS.email} aria-invalid={invalid} aria-describedby={described} value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Password" error={fields.password} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
          {(id, described, invalid) => (
            <input id={id} name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} aria-invalid={invalid} aria-describedby={described} value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <AgeConfirmation checked={ageConfirmed} onChange={setAgeConfirmed} error={fields.ageConfirmed} />
        <ErrorMessage error={formLevelError(error, ['displayName', 'email', 'password', 'ageConfirmed'])} />
        <SubmitButton busy={busy} busyLabel="Creating account…">Sign up</SubmitButton>
      </form>
      <p>
        Already have an account? <Link to={{ name: 'signin' }}>Sign in</Link>
      </p>
    </section>
  );
}

export function SignInPage() {
  const { setUser } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const user = await api.signIn({ email: email.trim(), password });
    setUser(user);
    // Back to the page the person was on when their session ended, if it did.
    navigate(takeReturn() ?? { name: 'dashboard' });
  });
  const fields = fieldsOf(error);
  return (
    <section className="card narrow">
      <PageHeading>Sign in</PageHeading>
      <form onSubmit={submit} noValidate>
        <Field label="Email" error={fields.email}>
          {(id, described, invalid) => (
            <input id={id} name="email" type="email" autoComplete="email" required aria-invalid={invalid} aria-describedby={described} value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Password" error={fields.password}>
          {(id, described, invalid) => (
            <input id={id} name="password" type="password" autoComplete="current-password" required aria-invalid={invalid} aria-describedby={described} value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={formLevelError(error, ['email', 'password'])} />
        <SubmitButton busy={busy} busyLabel="Signing in…">Sign in</SubmitButton>
      </form>
      <p>
        <Link to={{ name: 'forgot-password' }}>Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={{ name: 'signup' }}>Create an account</Link>
      </p>
    </section>
  );
}

export function VerifyEmailPage(props: { code: string | null }) {
  const { user, setUser } = useAuth();
  const [code, setCode] = useState(props.code ?? '');
  const [sent, setSent] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, submit, setError } = useSubmit(async () => {
    const updated = await api.verifyEmail(code.trim());
    setUser(updated);
    setDone(true);
  });
  const resend = async () => {
    setError(null);
    try {
      await api.requestVerifyEmail();
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card narrow">
      <PageHeading>Verify your email</PageHeading>
      {done || user?.emailVerified ? (
        <>
          <Notice tone="success">Your email address is verified.</Notice>
          <p>
            <Link to={{ name: 'dashboard' }}>Continue to the dashboard</Link>
          </p>
        </>
      ) : (
        <>
          <p>We sent a code to your email address. Enter it here.</p>
          <form onSubmit={submit} noValidate>
            <Field label="Verification code">
              {(id) => <input id={id} name="code" autoComplete="one-time-code" inputMode="text" required value={code} onChange={(e) => setCode(e.target.value)} />}
            </Field>
            <ErrorMessage error={error} />
            <SubmitButton busy={busy} busyLabel="Checking…" disabled={!code.trim()}>Verify</SubmitButton>
          </form>
          {user ? (
            <p>
              <button type="button" className="link-button" onClick={resend}>
                Send a new code
              </button>
              {sent ? <span role="status"> — sent.</span> : null}
            </p>
          ) : (
            <p>
              <Link to={{ name: 'signin' }}>Sign in</Link> to request a new code.
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    await api.requestPasswordReset(email.trim());
    setSent(true);
  });
  return (
    <section className="card narrow">
      <PageHeading>Reset your password</PageHeading>
      {sent ? (
        <Notice tone="success">If an account uses that address, we have emailed it a link to reset the password.</Notice>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label="Email">
            {(id) => <input id={id} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <ErrorMessage error={error} />
          <SubmitButton busy={busy} busyLabel="Sending…" disabled={!email.trim()}>Send reset link</SubmitButton>
        </form>
      )}
      <p>
        <Link to={{ name: 'signin' }}>Back to sign in</Link>
      </p>
    </section>
  );
}

export function ResetPasswordPage(props: { token: string | null }) {
  const [token, setToken] = useState(props.token ?? '');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    checkPasswordLength(password);
    await api.resetPassword(token.trim(), password);
    setDone(true);
  });
  return (
    <section className="card narrow">
      <PageHeading>Choose a new password</PageHeading>
      {done ? (
        <>
          <Notice tone="success">Your password has been changed. Other sessions were signed out.</Notice>
          <p>
            <Link to={{ name: 'signin' }}>Sign in</Link>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          {props.token ? null : (
            <Field label="Reset code" hint="From the link in the email we sent you.">
              {(id, hint) => <input id={id} name="token" required aria-describedby={hint} value={token} onChange={(e) => setToken(e.target.value)} />}
            </Field>
          )}
          <Field label="New password" error={fieldsOf(error).password} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
            {(id, described, invalid) => (
              <input id={id} name="password" type="password" autoComplete="new-password" required aria-invalid={invalid} aria-describedby={described} value={password} onChange={(e) => setPassword(e.target.value)} />
            )}
          </Field>
          <ErrorMessage error={formLevelError(error, ['password'])} />
          <SubmitButton busy={busy} busyLabel="Saving…" disabled={!token.trim()}>Set password</SubmitButton>
        </form>
      )}
    </section>
  );
}

/**
 * #/tryout: the free 5-minute interview without an account. Asks only for the job the person is
 * practising for, then starts the tryout (a guest session, api/src/tryout) and goes straight to the
 * call. A device that has had its tryout is told so, with the way to a free account.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { INPUT_LIMITS } from '@mockroom/core/input-rules';
import { api, ApiError } from '../api.js';
import { navigate } from '../router.js';
import { ErrorMessage, Field, Link, Notice, PageHeading, Spinner, SubmitButton, useAuth } from '../ui.js';
import { tryoutDigests } from './fingerprint.js';
import { tryoutApi } from './tryout-api.js';

type State = Awaited<ReturnType<typeof tryoutApi.state>>;

export function TryoutPage() {
  const { user, setUser } = useAuth();
  const [state, setState] = useState<State | null>(null);
  const [role, setRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    tryoutApi.state().then(setState, () => setState({ guest: false, interviewId: null, timeBoxSeconds: 300 }));
  }, [user?.id]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const digests = await tryoutDigests();
      const started = await tryoutApi.start({ ...digests, role: role.trim() || 'General interview' });
      setUser(await api.me());
      navigate({ name: 'call', interviewId: started.interviewId });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!state) return <Spinner label="Loading…" />;
  if (state.guest && state.interviewId) {
    return (
      <section className="card narrow" data-testid="tryout">
        <PageHeading>Your free tryout</PageHeading>
        <p>
          <Link to={{ name: 'report', interviewId: state.interviewId }} className="button primary">
            See your report
          </Link>{' '}
          <Link to={{ name: 'call', interviewId: state.interviewId }} className="button">
            Back to the call
          </Link>
        </p>
      </section>
    );
  }
  if (user) {
    return (
      <section className="card narrow" data-testid="tryout">
        <PageHeading>You have an account</PageHeading>
        <p>
          Start an interview from <Link to={{ name: 'dashboard' }}>your dashboard</Link>.
        </p>
      </section>
    );
  }
  const refused = error instanceof ApiError && (error.code === 'tryout_used' || error.code === 'tryout_busy' || error.code === 'tryout_unavailable');
  const minutes = Math.round(state.timeBoxSeconds / 60);
  return (
    <section className="card narrow" data-testid="tryout">
      <PageHeading>Try a {minutes}-minute interview — no account</PageHeading>
      <p className="lead">
        An AI recruiter asks you a few questions by voice (or type your answers), then you get a scored report. Keep it by creating a free account afterwards.
      </p>
      <p className="muted small">
        One tryout per device. To tell devices apart we keep only a keyed hash of this browser’s features and your network, for a limited time — never
        the features or your address themselves. <Link to={{ name: 'privacy' }}>Privacy</Link>
      </p>
      {refused ? (
        <div data-testid="tryout-refused">
          <Notice tone="warning">{error.message}</Notice>
          <p>
            <Link to={{ name: 'signup' }} className="button primary">
              Create a free account
            </Link>
          </p>
        </div>
      ) : (
        <form onSubmit={start} noValidate>
          <Field label="Job you are practising for" hint="For example “Customer support lead”. Leave empty for a general interview.">
            {(id, described) => (
              <input id={id} name="role" autoComplete="organization-title" maxLength={INPUT_LIMITS.role} aria-describedby={described} value={role} onChange={(e) => setRole(e.target.value)} />
            )}
          </Field>
          <ErrorMessage error={error} />
          <SubmitButton busy={busy} busyLabel="Starting…">
            Start my {minutes}-minute interview
          </SubmitButton>
        </form>
      )}
      <p>
        Already have an account? <Link to={{ name: 'signin' }}>Sign in</Link>
      </p>
    </section>
  );
}

/**
 * While an account deletion is pending the API answers only the deletion routes (the account is
 * hidden), so signing in during the grace period shows this page instead of any other: the date,
 * and the offer to keep the account.
 */
import './privacy.css';
import { useState, type ReactNode } from 'react';
import { api } from '../api.js';
import { ErrorMessage, PageHeading, useAuth } from '../ui.js';
import { formatDeletionDate, privacyApi } from './privacy-api.js';

export function DeletionGate(props: { children: ReactNode }) {
  const { user, setUser } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user?.deletionScheduledFor) return <>{props.children}</>;
  const date = formatDeletionDate(user.deletionScheduledFor);
  const keep = async () => {
    setBusy(true);
    setError(null);
    try {
      await privacyApi.cancelDeletion();
      setUser(await api.me());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow" data-testid="deletion-pending">
      <PageHeading>Your account is scheduled for deletion</PageHeading>
      <p>
        On <strong>{date}</strong> your account will be deleted for good, with your CV, applications, interviews, transcripts and reports. Until then it is hidden and
        nothing in it can be used.
      </p>
      <p>Changed your mind? Keep your account and everything in it stays as it was.</p>
      <ErrorMessage error={error} />
      <button type="button" className="button primary" disabled={busy} onClick={() => void keep()}>
        {busy ? 'Keeping…' : 'Keep my account'}
      </button>
    </section>
  );
}

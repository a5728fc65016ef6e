/**
 * Settings' "Your data" card: download the archive, and request the account's deletion (password,
 * then a confirmation stating the date; the deletion happens after the grace period).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, Field, Link, useAuth, useConfirmedAction } from '../ui.js';
import { EXPORT_ARCHIVE_URL, formatDeletionDate, privacyApi } from './privacy-api.js';

const DAY_MS = 24 * 3600_000;

export function AccountDataCard() {
  const { signedOut } = useAuth();
  const [graceDays, setGraceDays] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    privacyApi.deletionStatus().then((s) => setGraceDays(s.graceDays), setLoadError);
  }, []);

  const expected = graceDays === null ? null : formatDeletionDate(new Date(Date.now() + graceDays * DAY_MS).toISOString());

  const deletion = useConfirmedAction(
    () =>
      `Delete your account? You will be signed out everywhere now, and on ${expected ?? 'the date in the email'} your account and everything in it (CV, applications, interviews, transcripts, reports) will be deleted for good. Until then you can sign in to cancel.`,
    async () => {
      await privacyApi.requestDeletion(password);
      signedOut('deletion-scheduled');
    },
  );
  const { busy } = deletion;
  const requestDeletion = (e: FormEvent) => {
    e.preventDefault();
    void deletion.run();
  };

  return (
    <section className="card" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        Download everything Mockroom holds about you: an archive with all your data as JSON and each interview transcript as a text file. How your data is handled:{' '}
        <Link to={{ name: 'privacy' }}>privacy</Link>.
      </p>
      <a className="button" href={EXPORT_ARCHIVE_URL} download>
        Download my data
      </a>
      <form onSubmit={requestDeletion} className="danger-zone">
        <h3>Delete my account</h3>
        <p>
          {graceDays === null
            ? 'Your account is deleted after a grace period, during which you can sign in to cancel.'
            : `Your account and everything in it will be deleted ${graceDays} days after you ask${expected ? `, on ${expected}` : ''}. You are signed out everywhere at once and we email you the date; sign in before then to cancel.`}
        </p>
        <Field label="Password to confirm deletion">
          {(id) => <input id={id} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="button danger" disabled={!password || busy}>
          {busy ? 'Requesting…' : 'Delete my account'}
        </button>
      </form>
      <ErrorMessage error={deletion.error ?? loadError} />
    </section>
  );
}

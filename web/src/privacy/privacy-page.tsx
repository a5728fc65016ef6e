/** The privacy page, generated from the running server's configuration (GET /api/privacy). */
import { useEffect, useState } from 'react';
import { ErrorMessage, Link, PageHeading, Spinner } from '../ui.js';
import { privacyApi } from './privacy-api.js';

type Info = Awaited<ReturnType<typeof privacyApi.privacyInfo>>;

export function PrivacyPage() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    privacyApi.privacyInfo().then(setInfo, setError);
  }, []);
  return (
    <section className="narrow-wide privacy-page">
      <PageHeading>Privacy</PageHeading>
      <ErrorMessage error={error} />
      {!info ? (
        error ? null : <Spinner label="Loading…" />
      ) : (
        <>
          <section className="card" aria-labelledby="who-heading">
            <h2 id="who-heading">Who processes what on this server</h2>
            <ul data-testid="processors">
              {info.processors.map((p) => (
                <li key={p.stage}>{p.sentence}</li>
              ))}
            </ul>
            <p>
              <strong>Audio is never stored.</strong> Your voice is streamed to speech recognition while you talk and nothing records it: no recording, no copy on disk.
            </p>
            <p>
              <strong>Your data is not used to train models</strong>, by this server or, through it, by anyone else.
            </p>
          </section>
          <section className="card" aria-labelledby="keep-heading">
            <h2 id="keep-heading">How long things are kept</h2>
            <ul>
              <li>Your CV, applications, interviews, transcripts and reports: until you delete them or your account.</li>
              <li>After you ask to delete your account: {info.retention.accountDeletionGraceDays} days, during which you can sign in to cancel; then everything is deleted.</li>
              <li>Usage counts (which features were used, with no content and no link to you): {info.retention.analyticsEventsDays} days.</li>
              <li>Server logs (which hold no transcripts, CVs, job descriptions, names or email addresses): at most {info.retention.serverLogsDays} days.</li>
              <li>
                The free tryout without an account: to allow one per device we keep a keyed hash (HMAC-SHA256 with a server secret) of your browser’s features and
                of your network (the first three parts of an IPv4 address, the first 48 bits of an IPv6 one), never the features or the address themselves,
                for {info.retention.tryoutDays} days. A tryout not turned into an account within that time is deleted with its transcript and report.
              </li>
            </ul>
          </section>
          <section className="card" aria-labelledby="rights-heading">
            <h2 id="rights-heading">Export and delete</h2>
            <ul>
              <li>
                Download everything: <Link to={{ name: 'settings' }}>Settings</Link> → Your data → Download my data.
              </li>
              <li>Delete an interview from its report or the dashboard, an application from its page: gone at once.</li>
              <li>Delete your CV from an application page. Interviews you already had keep the copy they were built from until you delete them.</li>
              <li>
                Delete your account: <Link to={{ name: 'settings' }}>Settings</Link> → Delete my account.
              </li>
            </ul>
          </section>
          <section className="card" aria-labelledby="age-heading">
            <h2 id="age-heading">Age</h2>
            <p>Mockroom is for people aged {info.minimumAge} or over.</p>
          </section>
        </>
      )}
    </section>
  );
}

/** Settings: profile, email preferences, password, sessions; export and deletion (privacy/account-data-card.tsx). */
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { EmailPreferences } from '../types.js';
import { confirmAction, ErrorMessage, Field, Link, Notice, PageHeading, useAuth } from '../ui.js';
import { MIN_PASSWORD_LENGTH } from './auth.js';
import { AccountDataCard } from '../privacy/account-data-card.js';
import { HabitsSettingsCard } from '../habits/habits-settings-card.js';

/** The preferences PATCH /api/me accepts (a strict schema), with their labels. Off until chosen. */
const PREFERENCES: readonly { key: keyof EmailPreferences; label: string }[] = [{ key: 'reportReady', label: 'When my interview report is ready' }];

export function SettingsPage() {
  const { user, setUser, signedOut } = useAuth();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [prefs, setPrefs] = useState<EmailPreferences>(() => {
    const current = user?.emailPreferences ?? {};
    return Object.fromEntries(PREFERENCES.map(({ key }) => [key, current[key] === true]));
  });
  const [profileMsg, setProfileMsg] = useState<string | null>(null);
  const [profileErr, setProfileErr] = useState<unknown>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pwMsg, setPwMsg] = useState<string | null>(null);
  const [pwErr, setPwErr] = useState<unknown>(null);

  if (!user) return null;

  const saveProfile = async (e: FormEvent) => {
    e.preventDefault();
    setProfileErr(null);
    setProfileMsg(null);
    try {
      setUser(await api.updateMe({ displayName: displayName.trim(), emailPreferences: prefs }));
      setProfileMsg('Saved.');
    } catch (err) {
      setProfileErr(err);
    }
  };

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwErr(null);
    setPwMsg(null);
    try {
      if (next.length < MIN_PASSWORD_LENGTH) throw new Error(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setPwMsg('Password changed. Your other sessions were signed out.');
    } catch (err) {
      setPwErr(err);
    }
  };

  return (
    <section className="narrow-wide">
      <PageHeading>Settings</PageHeading>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <form onSubmit={saveProfile}>
          <Field label="Name">
            {(id) => <input id={id} autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
          <p>
            Email: {user.email}{' '}
            {user.emailVerified ? (
              <span className="badge badge-ended">verified</span>
            ) : (
              <Link to={{ name: 'verify-email', code: null }}>verify</Link>
            )}
          </p>
          <fieldset>
            <legend>Email me</legend>
            {PREFERENCES.length === 0 ? <p className="muted small">No email preferences are available yet.</p> : null}
            {PREFERENCES.map(({ key, label }) => (
              <label key={key} className="check">
                <input type="checkbox" checked={prefs[key] ?? false} onChange={(e) => setPrefs((p) => ({ ...p, [key]: e.target.checked }))} />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <ErrorMessage error={profileErr} />
          {profileMsg ? <Notice tone="success">{profileMsg}</Notice> : null}
          <button type="submit" className="button primary">
            Save profile
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <form onSubmit={changePassword}>
          <Field label="Current password">
            {(id) => <input id={id} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
          <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
            {(id, hint) => <input id={id} type="password" autoComplete="new-password" aria-describedby={hint} value={next} onChange={(e) => setNext(e.target.value)} />}
          </Field>
          <ErrorMessage error={pwErr} />
          {pwMsg ? <Notice tone="success">{pwMsg}</Notice> : null}
          <button type="submit" className="button" disabled={!current || !next}>
            Change password
          </button>
        </form>
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (!confirmAction('Sign out on every device, this one included?')) return;
              void api.signOutAll().then(() => signedOut('signed-out-everywhere'), setPwErr);
            }}
          >
            Sign out everywhere
          </button>
        </p>
      </section>

      <HabitsSettingsCard />
      <AccountDataCard />
    </section>
  );
}

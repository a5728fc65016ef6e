/**
 * Dashboard card: the practice streak (in the user's time zone) and the achievements earned, with
 * the next ones and how far along they are. On the first visit it sends the browser's time zone
 * (Intl), so practice days are the user's own days from the start.
 * Stable names for tests and assistive technology: the region "Practice streak", the list "Achievements".
 */
import { useEffect, useState } from 'react';
import { ErrorMessage, Link, Spinner } from '../ui.js';
import { habitsApi, type Habits } from './habits-api.js';
import { detectTimeZone, streakText } from './habits-format.js';
import './habits.css';

export function HabitsCard() {
  const [habits, setHabits] = useState<Habits | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const settings = await habitsApi.getSettings();
      const zone = detectTimeZone();
      // Only once: a zone the user chose in settings is never overwritten by the browser's.
      if (!settings.timeZoneSet && zone && zone !== settings.timeZone) await habitsApi.putSettings({ timeZone: zone }).catch(() => undefined);
      const h = await habitsApi.getHabits();
      if (live) setHabits(h);
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="card" aria-labelledby="streak-heading" data-testid="habits-card">
      <h2 id="streak-heading">Practice streak</h2>
      <ErrorMessage error={error} />
      {!habits ? (
        error ? null : <Spinner label="Loading your streak…" />
      ) : (
        <>
          <p className="streak-count" data-testid="streak-count">
            {streakText(habits.streak.current)}
          </p>
          <p className="muted small">
            {habits.streak.practisedToday ? 'You practised today.' : habits.streak.current > 0 ? 'Practise today to keep it going.' : 'Complete an interview to start one.'} Longest:{' '}
            {habits.streak.longest} {habits.streak.longest === 1 ? 'day' : 'days'}. Days count in {habits.streak.timeZone}.
          </p>
          <h3 id="achievements-heading">Achievements</h3>
          {habits.achievements.length === 0 ? (
            <p>None yet: your first scored interview earns one.</p>
          ) : (
            <ul className="achievement-list" aria-labelledby="achievements-heading">
              {habits.achievements.map((a) => (
                <li key={a.key}>
                  <strong>{a.title}</strong> <span className="muted small">— {a.description}</span>
                </li>
              ))}
            </ul>
          )}
          {habits.next.length > 0 ? (
            <>
              <h3 id="next-heading">Next</h3>
              <ul className="next-list" aria-labelledby="next-heading">
                {habits.next.slice(0, 3).map((n) => (
                  <li key={n.key}>
                    <strong>{n.title}</strong> <span className="muted small">{n.description}</span>
                    <progress max={n.progress.target} value={n.progress.current} aria-label={`${n.title}: ${n.progress.current} of ${n.progress.target}`} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to={{ name: 'progress' }}>Progress by skill</Link> · <Link to={{ name: 'leaderboard' }}>Weekly leaderboard</Link>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * Settings section "Practice habits": the time zone practice days are counted in, streak reminder
 * emails (on/off and the local time), and the leaderboard (join under a handle, or leave).
 * The reminder email's settings link lands here.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorMessage, Field, Notice, SubmitButton, Spinner } from '../ui.js';
import { habitsApi, type HabitSettings } from './habits-api.js';
import { detectTimeZone } from './habits-format.js';

function zoneList(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['UTC', current, ...supported])].sort();
}

export function HabitsSettingsCard() {
  const [saved, setSaved] = useState<HabitSettings | null>(null);
  const [timeZone, setTimeZone] = useState('');
  const [reminders, setReminders] = useState(false);
  const [localTime, setLocalTime] = useState('18:00');
  const [joined, setJoined] = useState(false);
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const load = (s: HabitSettings) => {
    setSaved(s);
    setTimeZone(s.timeZoneSet ? s.timeZone : (detectTimeZone() ?? s.timeZone));
    setReminders(s.reminders.enabled);
    setLocalTime(s.reminders.localTime);
    setJoined(s.leaderboard.optedIn);
    setHandle(s.leaderboard.handle ?? '');
  };
  useEffect(() => {
    habitsApi.getSettings().then(load, setError);
  }, []);
  const zones = useMemo(() => zoneList(timeZone || 'UTC'), [timeZone]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      load(
        await habitsApi.putSettings({
          timeZone,
          reminders: { enabled: reminders, localTime },
          leaderboard: joined ? { optedIn: true, handle } : { optedIn: false },
        }),
      );
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="habits-settings-heading" id="practice-habits">
      <h2 id="habits-settings-heading">Practice habits</h2>
      {!saved ? (
        error ? <ErrorMessage error={error} /> : <Spinner label="Loading…" />
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label="Time zone" hint="Your streak counts calendar days in this zone.">
            {(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>Streak reminder emails</legend>
            <label className="checkbox">
              <input type="checkbox" checked={reminders} onChange={(e) => setReminders(e.target.checked)} /> Email me a reminder on days I have not practised
            </label>
            <Field label="Reminder time (your local time)">
              {(id, describedBy) => <input id={id} type="time" aria-describedby={describedBy} value={localTime} onChange={(e) => setLocalTime(e.target.value)} disabled={!reminders} required />}
            </Field>
          </fieldset>
          <fieldset>
            <legend>Weekly leaderboard</legend>
            <label className="checkbox">
              <input type="checkbox" checked={joined} onChange={(e) => setJoined(e.target.checked)} /> Show me on the leaderboard under a handle
            </label>
            <Field label="Handle" hint="3 to 24 letters, digits, - or _. Not your name or email: this is what others see.">
              {(id, describedBy) => (
                <input id={id} aria-describedby={describedBy} value={handle} onChange={(e) => setHandle(e.target.value)} disabled={!joined} maxLength={24} autoComplete="off" />
              )}
            </Field>
          </fieldset>
          <ErrorMessage error={error} />
          {done ? <Notice tone="success">Saved.</Notice> : null}
          <SubmitButton busy={busy} busyLabel="Saving…">
            Save practice settings
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

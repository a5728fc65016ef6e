/**
 * Progress page (#/progress): overall score, each rubric dimension and each skill over time, dated,
 * for all applications or one. Incomplete interviews are left out by the API, as on the dashboard.
 */
import { useEffect, useId, useState } from 'react';
import { ErrorMessage, Link, PageHeading, Spinner } from '../ui.js';
import { DatedChart } from './dated-chart.js';
import { habitsApi, type Progress } from './habits-api.js';
import './habits.css';

export function ProgressPage() {
  const [applicationId, setApplicationId] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();

  useEffect(() => {
    let live = true;
    setError(null);
    habitsApi.getProgress(applicationId || undefined).then(
      (p) => live && setProgress(p),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [applicationId]);

  return (
    <section>
      <PageHeading>Progress</PageHeading>
      <ErrorMessage error={error} />
      {!progress ? (
        error ? null : <Spinner label="Loading your progress…" />
      ) : (
        <>
          <div className="field">
            <label htmlFor={selectId}>Application</label>
            <select id={selectId} value={applicationId} onChange={(e) => setApplicationId(e.target.value)}>
              <option value="">All applications</option>
              {progress.applications.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.role} at {a.company}
                </option>
              ))}
            </select>
          </div>
          {progress.overall.length === 0 ? (
            <p>Your scores appear here, dated, after your first scored interview.</p>
          ) : (
            <>
              <section className="card" aria-labelledby="progress-overall-heading">
                <h2 id="progress-overall-heading">Overall score</h2>
                <DatedChart title="Overall score" points={progress.overall} min={0} max={100} unit="out of 100" />
              </section>
              <section className="card" aria-labelledby="progress-dims-heading">
                <h2 id="progress-dims-heading">By dimension</h2>
                <p className="muted small">Rubric bands from 1 to 5.</p>
                <div className="habits-charts">
                  {progress.dimensions.map((d) => (
                    <div key={d.key}>
                      <h3>{d.label}</h3>
                      <DatedChart title={d.label} points={d.points} min={1} max={5} unit="band of 5" />
                    </div>
                  ))}
                </div>
              </section>
              <section className="card" aria-labelledby="progress-skills-heading">
                <h2 id="progress-skills-heading">By skill</h2>
                <p className="muted small">For each skill the questions probed: 100 when answered in full, 50 for a thin answer, 0 when skipped or cut off.</p>
                {progress.skills.length === 0 ? (
                  <p>No skill-tagged questions yet.</p>
                ) : (
                  <div className="habits-charts">
                    {progress.skills.map((s) => (
                      <div key={s.skill}>
                        <h3>{s.skill}</h3>
                        <DatedChart title={s.skill} points={s.points} min={0} max={100} unit="out of 100" />
                      </div>
                    ))}
                  </div>
                )}
              </section>
            </>
          )}
          <p>
            <Link to={{ name: 'dashboard' }}>Back to the dashboard</Link>
          </p>
        </>
      )}
    </section>
  );
}

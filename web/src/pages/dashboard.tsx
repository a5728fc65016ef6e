/** Dashboard: applications, past interviews with scores, and progress over time. */
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { formatDate, layoutProgress } from '../format.js';
import type { Application, InterviewSummary } from '../types.js';
import { ErrorMessage, Link, Notice, PageHeading, Spinner, useAuth } from '../ui.js';
import { DeleteInterviewButton } from '../privacy/delete-buttons.js';
import { HabitsCard } from '../habits/habits-card.js';

export function DashboardPage() {
  const { user } = useAuth();
  const [apps, setApps] = useState<Application[] | null>(null);
  const [interviews, setInterviews] = useState<InterviewSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    Promise.all([api.listApplications(), api.listInterviews()])
      .then(([a, i]) => {
        if (ctl.signal.aborted) return;
        setApps(a);
        setInterviews(i);
      })
      .catch((err: unknown) => !ctl.signal.aborted && setError(err));
    return () => ctl.abort();
  }, []);

  return (
    <section>
      <PageHeading title="Dashboard">Hello{user ? `, ${user.displayName}` : ''}</PageHeading>
      {user && !user.emailVerified ? (
        <Notice tone="warning">
          Please verify your email address. <Link to={{ name: 'verify-email', code: null }}>Enter your code</Link>
        </Notice>
      ) : null}
      <ErrorMessage error={error} />
      {!apps || !interviews ? (
        error ? null : <Spinner label="Loading your applications…" />
      ) : (
        <div className="grid">
          <section className="card" aria-labelledby="apps-heading">
            <div className="card-head">
              <h2 id="apps-heading">Applications</h2>
              <Link to={{ name: 'application-new' }} className="button primary small">
                New application
              </Link>
            </div>
            {apps.length === 0 ? (
              <p>Add the job you are preparing for: paste its description and your CV, then practise the interview.</p>
            ) : (
              <ul className="list">
                {apps.map((a) => (
                  <li key={a.id} className="list-row">
                    <div>
                      <Link to={{ name: 'application', id: a.id }}>
                        <strong>{a.role}</strong> at {a.company}
                      </Link>
                      <div className="muted small">
                        {a.seniority} · {a.interviewType.replace('_', ' ')}
                      </div>
                    </div>
                    <Link to={{ name: 'precall', applicationId: a.id }} className="button small">
                      Practise
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">Progress</h2>
            <ProgressChart interviews={interviews} />
            <p>
              <Link to={{ name: 'progress' }}>Progress by dimension and skill, with dates</Link>
            </p>
          </section>
          <HabitsCard />
          <section className="card span-2" aria-labelledby="history-heading">
            <h2 id="history-heading">Past interviews</h2>
            {interviews.length === 0 ? (
              <p>No interviews yet.</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="history-heading">
                <table className="history-table">
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      <th scope="col">Score</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...interviews]
                      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
                      .map((iv) => (
                        <tr key={iv.id}>
                          <td data-label="Date">{formatDate(iv.createdAt)}</td>
                          <td data-label="Role">
                            {iv.role} at {iv.company}
                          </td>
                          <td data-label="Status">
                            <span className={`badge badge-${iv.status}`}>{iv.status}</span>
                          </td>
                          <td data-label="Score">
                            {/* No score: still scoring, scoring failed, or too short to score (left out of the chart too). */}
                            {iv.overall == null ? (
                              <>
                                <span aria-hidden="true">—</span>
                                <span className="visually-hidden">no score</span>
                              </>
                            ) : (
                              Math.round(iv.overall)
                            )}
                          </td>
                          <td>
                            {iv.status === 'ended' || iv.status === 'failed' ? (
                              <Link to={{ name: 'report', interviewId: iv.id }}>Report</Link>
                            ) : (
                              <Link to={{ name: 'call', interviewId: iv.id }}>Join</Link>
                            )}{' '}
                            <DeleteInterviewButton
                              interviewId={iv.id}
                              label={`${iv.role} at ${iv.company}`}
                              onDeleted={() => setInterviews((list) => list && list.filter((x) => x.id !== iv.id))}
                            />
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      )}
    </section>
  );
}

const CHART_W = 480;
const CHART_H = 200;

function ProgressChart(props: { interviews: InterviewSummary[] }) {
  const points = layoutProgress(props.interviews, CHART_W, CHART_H);
  if (points.length === 0) return <p>Your scores will appear here after your first scored interview.</p>;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  const first = points[0];
  const summary =
    points.length === 1 || !first || !last
      ? `One scored interview: ${last?.value ?? ''} out of 100.`
      : `${points.length} scored interviews, from ${first.value} to ${last.value} out of 100.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${CHART_W} ${CHART_H}`} role="img" aria-label={`Overall score over time. ${summary}`}>
        {[0, 25, 50, 75, 100].map((v) => {
          const y = 24 + (CHART_H - 48) * (1 - v / 100);
          return (
            <g key={v} className="chart-grid">
              <line x1={24} x2={CHART_W - 24} y1={y} y2={y} />
              <text x={4} y={y + 4}>
                {v}
              </text>
            </g>
          );
        })}
        <path d={path} className="chart-line" />
        {points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={4} className="chart-dot">
            <title>{`${p.label}: ${p.value}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">{summary}</figcaption>
    </figure>
  );
}

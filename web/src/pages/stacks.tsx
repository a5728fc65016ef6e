/**
 * Developer page for provider stacks: every stack this build knows, whether this server offers it
 * (allow-list and keys; key names only), its providers, models and list prices, and a comparison
 * of the stacks your own interviews ran on (p50/p95 per stage, cost per interview minute).
 */
import { useEffect, useState } from 'react';
import { formatMs, formatPrice, formatUsd, stacksApi, type StackComparison, type StacksAnswer } from '../stacks-api.js';
import { ErrorMessage, PageHeading, Spinner } from '../ui.js';

export function StacksPage() {
  const [stacks, setStacks] = useState<StacksAnswer | null>(null);
  const [comparison, setComparison] = useState<StackComparison | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    stacksApi.listStacks().then(setStacks, setError);
    stacksApi.compareStacks().then(setComparison, setError);
  }, []);

  return (
    <section className="stacks-page">
      <PageHeading title="Voice stacks">Voice stacks</PageHeading>
      <p className="lead">Which speech recognition, interviewer and voice an interview can run on, and how they compare on your calls.</p>
      <ErrorMessage error={error} />

      <section className="card" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">Your interviews by stack</h2>
        {!comparison ? (
          error ? null : <Spinner label="Loading the comparison…" />
        ) : comparison.stacks.length === 0 ? (
          <p className="muted">No measured interviews yet. Pick a stack on the “Get ready” page before a call.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Stack comparison (scrolls sideways on small screens)">
            <table aria-label="Stack comparison" data-testid="stack-comparison">
              <thead>
                <tr>
                  <th scope="col">Stack</th>
                  <th scope="col">Interviews</th>
                  {comparison.stacks[0]!.stages.map((s) => (
                    <th scope="col" key={s.stage}>
                      {s.label} p50 / p95
                    </th>
                  ))}
                  <th scope="col">Cost</th>
                  <th scope="col">Per minute</th>
                </tr>
              </thead>
              <tbody>
                {comparison.stacks.map((row) => (
                  <tr key={row.stackId} data-stack={row.stackId}>
                    <th scope="row">{row.name}</th>
                    <td>
                      {row.interviews} <span className="muted small">({row.turns} replies)</span>
                    </td>
                    {row.stages.map((s) => (
                      <td key={s.stage}>
                        {formatMs(s.p50Ms)} / {formatMs(s.p95Ms)}
                      </td>
                    ))}
                    <td>{formatUsd(row.costUsd)}</td>
                    <td>{formatUsd(row.costPerMinuteUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="available-heading">
        <h2 id="available-heading">Stacks on this server</h2>
        {!stacks ? (
          error ? null : <Spinner label="Loading stacks…" />
        ) : (
          <>
            {stacks.unknownInAllowList.length ? (
              <p className="alert alert-error" role="alert">
                INTERVIEW_STACKS names no such stack: {stacks.unknownInAllowList.join(', ')}.
              </p>
            ) : null}
            <ul className="stack-list">
              {stacks.stacks.map((s) => (
                <li key={s.id} data-testid="stack" data-stack={s.id} data-available={s.available}>
                  <h3>
                    {s.name} <span className="badge">{s.available ? (s.isDefault ? 'offered · default' : 'offered') : s.allowed ? 'not configured' : 'not offered'}</span>
                  </h3>
                  <p className="muted small">
                    <code>{s.id}</code> · {s.description}
                  </p>
                  {!s.available && s.missingEnv.length ? <p className="small">Needs {s.missingEnv.join(', ')} on the server.</p> : null}
                  {!s.allowed ? <p className="small">Add it to INTERVIEW_STACKS to offer it.</p> : null}
                  <ul className="small">
                    {s.stages.map((st) => (
                      <li key={st.stage}>
                        <strong>{st.stage.toUpperCase()}</strong>: {st.providerName}
                        {st.model ? ` (${st.model})` : ''} · {st.hosting === 'in-process' ? 'on this server' : 'hosted'}
                        {st.streaming ? ' · streaming' : ''} · {formatPrice(st.price)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </section>
  );
}

/**
 * The report's "Voice pipeline" panel: which provider stack ran the call, p50/p95 per stage (end
 * of turn, STT, LLM first token, TTS first audio, transport, agent total), usage and cost, from the
 * metrics the agent stored per turn. The last turns' metrics may land just after the call ends, so
 * an empty answer is asked again a few times.
 */
import { useEffect, useState } from 'react';
import { formatMs, formatUsd, stacksApi, type InterviewMetrics } from '../stacks-api.js';
import { ErrorMessage, Link } from '../ui.js';

const RETRY_MS = 3_000;
const MAX_RETRIES = 5;

export function InterviewMetricsPanel(props: { interviewId: string }) {
  const [metrics, setMetrics] = useState<InterviewMetrics | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const load = async () => {
      try {
        const m = await stacksApi.getInterviewMetrics(props.interviewId, ctl.signal);
        if (ctl.signal.aborted) return;
        setMetrics(m);
        if (m.turns.length === 0 && ++tries < MAX_RETRIES) timer = setTimeout(load, RETRY_MS);
      } catch (err) {
        if (!ctl.signal.aborted) setError(err);
      }
    };
    void load();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [props.interviewId]);

  if (error) return <ErrorMessage error={error} />;
  if (!metrics) return null;
  const cost = metrics.cost;
  return (
    <section className="card no-print" aria-labelledby="pipeline-heading" data-testid="interview-metrics" data-stack={metrics.stack?.id ?? ''}>
      <h2 id="pipeline-heading">Voice pipeline</h2>
      <p>
        Stack: <strong data-testid="metrics-stack">{metrics.stack?.name ?? 'the server’s configured providers'}</strong>
        {metrics.durationMinutes !== null ? <span className="muted"> · {metrics.durationMinutes.toFixed(1)} min</span> : null}
        <span className="muted"> · {metrics.turns.length} recruiter replies measured</span>
      </p>
      {metrics.turns.length === 0 ? (
        <p className="muted">No latency was recorded for this call.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Latency per stage (scrolls sideways on small screens)">
        <table aria-label="Latency per stage">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Replies</th>
            </tr>
          </thead>
          <tbody>
            {metrics.stages.map((s) => (
              <tr key={s.stage} data-testid="stage-latency" data-stage={s.stage} data-n={s.n}>
                <th scope="row">{s.label}</th>
                <td>{formatMs(s.p50Ms)}</td>
                <td>{formatMs(s.p95Ms)}</td>
                <td>{s.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <dl className="metrics">
        <div>
          <dt>Cost of this call</dt>
          <dd data-testid="interview-cost" data-usd={cost?.totalUsd ?? ''}>
            {cost ? formatUsd(cost.totalUsd) : '—'}
          </dd>
        </div>
        <div>
          <dt>Cost per minute</dt>
          <dd>{cost ? formatUsd(cost.perMinuteUsd) : '—'}</dd>
        </div>
        <div>
          <dt>Audio transcribed</dt>
          <dd>{metrics.usage.sttAudioSeconds.toFixed(1)} s</dd>
        </div>
        <div>
          <dt>LLM tokens (in / out)</dt>
          <dd>
            {metrics.usage.llmPromptTokens} / {metrics.usage.llmCompletionTokens}
          </dd>
        </div>
        <div>
          <dt>Characters spoken</dt>
          <dd>{metrics.usage.ttsCharacters}</dd>
        </div>
      </dl>
      {cost && cost.missingUsage.length ? (
        <p className="small muted">Not priced (no usage reported): {cost.missingUsage.join(', ')}.</p>
      ) : null}
      <p className="small">
        <Link to={{ name: 'stacks' }}>Compare stacks</Link>
      </p>
    </section>
  );
}

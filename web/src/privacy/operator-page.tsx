/** The operator's usage page: how often each feature was used per day (first-party events, no personal data). */
import { useEffect, useState } from 'react';
import { ErrorMessage, PageHeading, Spinner } from '../ui.js';
import { privacyApi } from './privacy-api.js';

type Counts = Awaited<ReturnType<typeof privacyApi.eventCounts>>;

export function OperatorPage() {
  const [data, setData] = useState<Counts | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    privacyApi.eventCounts(30).then(setData, setError);
  }, []);
  const days = data ? [...new Set(data.counts.map((c) => c.day))] : [];
  const names = data ? [...new Set(data.counts.map((c) => c.name))].sort() : [];
  const at = (day: string, name: string) => data?.counts.find((c) => c.day === day && c.name === name)?.count ?? 0;
  return (
    <section>
      <PageHeading>Usage</PageHeading>
      <p className="muted">Counts per day (UTC) over the last 30 days. Events carry a name, a time and a count: no user, no content.</p>
      <ErrorMessage error={error} />
      {!data ? (
        error ? null : <Spinner label="Loading…" />
      ) : days.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="event-counts">
            <thead>
              <tr>
                <th scope="col">Day</th>
                {names.map((n) => (
                  <th key={n} scope="col">
                    {n.replaceAll('_', ' ')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d}>
                  <th scope="row">{d}</th>
                  {names.map((n) => (
                    <td key={n}>{at(d, n)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

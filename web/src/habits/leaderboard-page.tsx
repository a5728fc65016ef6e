/**
 * Weekly leaderboard (#/leaderboard): handles only, ranked by completed interviews this week (ISO
 * week, Monday 00:00 UTC) and then by streak, never by scores. Joining and leaving are in settings.
 */
import { useEffect, useState } from 'react';
import { formatDate } from '../format.js';
import { ErrorMessage, Link, PageHeading, Spinner } from '../ui.js';
import { habitsApi, type Leaderboard } from './habits-api.js';

export function LeaderboardPage() {
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    habitsApi.getLeaderboard().then(
      (b) => live && setBoard(b),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section>
      <PageHeading>Weekly leaderboard</PageHeading>
      <ErrorMessage error={error} />
      {!board ? (
        error ? null : <Spinner label="Loading the leaderboard…" />
      ) : (
        <>
          <p className="muted">
            Week of {formatDate(board.week.start)} (weeks run Monday to Sunday in UTC). Ranked by interviews completed this week, then by current streak. Only people who joined
            appear, under a handle they chose.
          </p>
          <p>
            {board.me.optedIn ? (
              <>
                You appear as <strong>{board.me.handle}</strong>
                {board.me.rank ? `, rank ${board.me.rank}` : ''}.{' '}
              </>
            ) : (
              <>You are not on the leaderboard. </>
            )}
            <Link to={{ name: 'settings' }}>{board.me.optedIn ? 'Change or leave in settings' : 'Join in settings'}</Link>
          </p>
          {board.entries.length === 0 ? (
            <p>No one has joined yet.</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="board-caption">
              <table className="history-table">
                <caption id="board-caption">Leaderboard for this week</caption>
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Handle</th>
                    <th scope="col">Interviews this week</th>
                    <th scope="col">Streak (days)</th>
                  </tr>
                </thead>
                <tbody>
                  {board.entries.map((e) => (
                    <tr key={e.handle}>
                      <td>{e.rank}</td>
                      <td>{e.handle}</td>
                      <td>{e.practiceCount}</td>
                      <td>{e.streak}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

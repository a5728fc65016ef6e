/**
 * The pre-call page's cost line: what the chosen length costs and the balance, before Start; a
 * short balance says so and links to the credits page (the server refuses the start with 402
 * insufficient_credits in that case, and the page shows that error as well).
 */
import { useEffect, useState } from 'react';
import { creditsApi, type Credits } from './credits-api.js';
import { interviewCost } from './credits-format.js';

export function InterviewCost(props: { minutes: number }) {
  const [credits, setCredits] = useState<Credits | null>(null);
  useEffect(() => {
    let live = true;
    creditsApi
      .getCredits()
      .then((c) => live && setCredits(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!credits || !credits.enforced) return null;
  const cost = interviewCost(props.minutes, credits.creditsPerMinute);
  const short = cost > credits.balance;
  return (
    <p className={short ? 'alert alert-error' : 'muted small'} data-testid="interview-cost" role={short ? 'alert' : undefined}>
      This interview costs <strong>{cost}</strong> credits; your balance is <strong>{credits.balance}</strong>.{' '}
      {short ? (
        <>
          Not enough: <a href="#/credits">buy credits</a> or choose a shorter interview.
        </>
      ) : (
        <a href="#/credits">Credits</a>
      )}
    </p>
  );
}

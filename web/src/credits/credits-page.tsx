/**
 * The credits page (#/credits): balance, what an interview costs, buying a pack (the server picks
 * Stripe Checkout or the development provider), the history of credits in and out, and the
 * user's referral link. Stable names for tests: the region "Balance", the list "Credit history".
 */
import { useCallback, useEffect, useState } from 'react';
import { ErrorMessage, Notice, PageHeading, Spinner } from '../ui.js';
import { creditsApi, type CreditEntry, type Credits, type Referrals } from './credits-api.js';
import { entryLabel, formatPrice, signedAmount } from './credits-format.js';
import './credits.css';

export function CreditsPage() {
  const [credits, setCredits] = useState<Credits | null>(null);
  const [older, setOlder] = useState<CreditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [referrals, setReferrals] = useState<Referrals | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [buying, setBuying] = useState<string | null>(null);
  const [granted, setGranted] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const paid = window.location.hash.includes('paid=1');

  const load = useCallback(async () => {
    const [c, r] = await Promise.all([creditsApi.getCredits(), creditsApi.getReferrals()]);
    setCredits(c);
    setOlder([]);
    setNextBefore(c.nextBefore);
    setReferrals(r);
  }, []);

  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const buy = async (packId: string) => {
    setBuying(packId);
    setError(null);
    try {
      const result = await creditsApi.checkout(packId);
      if (result.url) {
        // Stripe's payment page; it sends the browser back to #/credits?paid=1.
        window.location.assign(result.url);
        return;
      }
      setGranted(result.grantedCredits);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBuying(null);
    }
  };

  const more = async () => {
    if (!nextBefore) return;
    try {
      const page = await creditsApi.getCredits(nextBefore);
      setOlder((o) => [...o, ...page.entries]);
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(err);
    }
  };

  const copy = async () => {
    if (!referrals) return;
    await navigator.clipboard?.writeText(referrals.link).then(() => setCopied(true), () => undefined);
  };

  const entries = credits ? [...credits.entries, ...older] : [];
  return (
    <section className="narrow-wide">
      <PageHeading>Credits</PageHeading>
      <ErrorMessage error={error} />
      {paid ? <Notice tone="success">Thank you: your credits appear here as soon as the payment is confirmed.</Notice> : null}
      {granted ? <Notice tone="success">{granted} credits added.</Notice> : null}
      {!credits ? (
        error ? null : <Spinner label="Loading your credits…" />
      ) : (
        <>
          <section className="card" aria-label="Balance" data-testid="credits-balance">
            <p className="lead">
              <strong data-testid="credits-balance-value">{credits.balance}</strong> credits
            </p>
            {credits.enforced ? (
              <p className="muted small">
                An interview costs {credits.creditsPerMinute} {credits.creditsPerMinute === 1 ? 'credit' : 'credits'} per planned minute, charged when the call
                starts; a call that fails on our side is refunded.
              </p>
            ) : (
              <p className="muted small">Interviews are free on this server.</p>
            )}
          </section>

          <section className="card" aria-labelledby="buy-heading">
            <h2 id="buy-heading">Buy credits</h2>
            {credits.provider === null ? (
              <p>Buying credits is not set up on this server.</p>
            ) : (
              <>
                {credits.provider === 'development' ? <p className="muted small">Development server: packs are added without payment.</p> : null}
                <ul className="pack-list">
                  {credits.packs.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="button" onClick={() => void buy(p.id)} disabled={buying !== null}>
                        {buying === p.id ? 'Opening…' : `${p.credits} credits · ${formatPrice(p.priceCents, p.currency)}`}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          {referrals ? (
            <section className="card" aria-labelledby="referral-heading">
              <h2 id="referral-heading">Invite a friend</h2>
              <p>
                When someone who signs up with your link completes their first interview, you both get {referrals.rewardCredits} credits (up to{' '}
                {referrals.monthlyCap} rewards a month).
              </p>
              <p>
                <input className="referral-link" readOnly value={referrals.link} aria-label="Your referral link" data-testid="referral-link" onFocus={(e) => e.target.select()} />{' '}
                <button type="button" className="button" onClick={() => void copy()}>
                  {copied ? 'Copied' : 'Copy link'}
                </button>
              </p>
              <p className="muted small">
                Invited: {referrals.invited} · rewarded: {referrals.rewarded} · earned: {referrals.earnedCredits} credits
              </p>
            </section>
          ) : null}

          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            {entries.length === 0 ? (
              <p>No credits in or out yet.</p>
            ) : (
              <ul className="credit-history" aria-label="Credit history">
                {entries.map((e) => (
                  <li key={e.id}>
                    <span className={e.amount > 0 ? 'credit-in' : 'credit-out'}>{signedAmount(e.amount)}</span> {entryLabel(e)}{' '}
                    <span className="muted small">{new Date(e.createdAt).toLocaleString()}</span>
                  </li>
                ))}
              </ul>
            )}
            {nextBefore ? (
              <button type="button" className="button" onClick={() => void more()}>
                Show older
              </button>
            ) : null}
          </section>
        </>
      )}
    </section>
  );
}

/**
 * On the candidate's report (issue 18): share this interview for review (an invitation link,
 * optionally emailed, or a cohort's share code), see who has access, revoke at once, and read the
 * comments reviewers shared back.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { reviewApi, type ReviewShare, type SharedComment } from './review-api.js';
import { confirmAction, ErrorMessage } from './ui.js';

export function ReviewSharePanel(props: { interviewId: string; ended: boolean }) {
  const [shares, setShares] = useState<ReviewShare[] | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [cohortId, setCohortId] = useState('');
  const [showName, setShowName] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => reviewApi.listShares(props.interviewId).then(setShares, setError), [props.interviewId]);
  useEffect(() => void load(), [load]);
  if (!props.ended) return null;

  const share = async (e: FormEvent, audience: 'link' | 'cohort') => {
    e.preventDefault();
    setError(null);
    try {
      const res = await reviewApi.share(
        audience === 'link'
          ? { interviewId: props.interviewId, audience, showName, ...(email.trim() ? { email: email.trim() } : {}) }
          : { interviewId: props.interviewId, audience, showName, cohortId: cohortId.trim() },
      );
      setLink(res.inviteUrl);
      setEmail('');
      setCohortId('');
      await load();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id: string) => {
    if (!confirmAction('Revoke this reviewer’s access now?')) return;
    try {
      await reviewApi.revokeShare(id);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card review-share" aria-labelledby="review-share-heading" data-testid="review-share">
      <h2 id="review-share-heading">Share for review</h2>
      <p>Let a recruiter-in-training review this interview. They see the transcript and the plan, under a pseudonym unless you choose to show your name. You can revoke access at any time.</p>
      <label className="checkbox">
        <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} /> Show my name instead of a pseudonym
      </label>
      <form onSubmit={(e) => void share(e, 'link')} aria-label="Share by invitation link">
        <label>
          Reviewer’s email (optional)
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit">Create invitation link</button>
      </form>
      {link ? (
        <p>
          Invitation link (shown once, works once): <code data-testid="invite-link">{link}</code>
        </p>
      ) : null}
      <form onSubmit={(e) => void share(e, 'cohort')} aria-label="Share with a cohort">
        <label>
          Cohort share code
          <input value={cohortId} onChange={(e) => setCohortId(e.target.value)} />
        </label>
        <button type="submit" disabled={!cohortId.trim()}>
          Share with cohort
        </button>
      </form>
      <h3>Who has access</h3>
      {shares && shares.length ? (
        <ul data-testid="share-list">
          {shares.map((s) => (
            <li key={s.id}>
              {s.audience === 'cohort' ? `Cohort ${s.cohortName ?? ''}` : s.reviewerName ? s.reviewerName : s.inviteEmail ? `Invitation to ${s.inviteEmail}` : 'Invitation link'} — {s.status}, shown as{' '}
              {s.showsName ? 'your name' : s.pseudonym}{' '}
              <button type="button" onClick={() => void revoke(s.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>Nobody else can see this interview.</p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}

/** Reviewers' comments on a turn, for the report's transcript. */
export function useSharedComments(interviewId: string): SharedComment[] {
  const [comments, setComments] = useState<SharedComment[]>([]);
  useEffect(() => {
    reviewApi.sharedComments(interviewId).then(setComments, () => setComments([]));
  }, [interviewId]);
  return comments;
}

export function ReviewerComments(props: { interviewId: string; turns: { id: string; text: string }[] }) {
  const comments = useSharedComments(props.interviewId);
  if (comments.length === 0) return null;
  return (
    <section className="card" aria-labelledby="reviewer-comments-heading" data-testid="reviewer-comments">
      <h2 id="reviewer-comments-heading">Reviewers’ comments</h2>
      <ul>
        {comments.map((c) => {
          const turn = props.turns.find((t) => t.id === c.turnId);
          const quote = turn ? (c.spanStart !== null && c.spanEnd !== null ? turn.text.slice(c.spanStart, c.spanEnd) : turn.text) : '';
          return (
            <li key={c.id}>
              <strong>{c.reviewer}</strong>
              {c.starPart ? ` (STAR: ${c.starPart})` : ''} on <q>{quote}</q>: {c.body}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The credits ledger: every change to a balance is one appended row, and the balance is their sum.
 *
 * Never negative under concurrency: every change that can lower a balance first locks the
 * account's anchor row (`UPDATE credit_accounts … WHERE user_id = $1`, a row lock held to the end
 * of the transaction) and only then sums the ledger. Under READ COMMITTED each statement takes a
 * fresh snapshot, so the sum read after the lock is granted includes the row of whichever spend
 * held it before. Plain row locks work the same on Postgres and on PGlite (where the single
 * connection runs one transaction at a time anyway), and need no serialization-failure retries.
 * Never double spent: each entry carries a unique idempotency key (`interview:<id>` for the one
 * charge of an interview), so a retried or concurrent second charge inserts nothing.
 * See docs/decisions/ (credits ledger) and docs/credits.md.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '@mockroom/db/client';
import { creditAccounts, creditLedger, interviews, type CreditEntryKind } from '@mockroom/db/schema';
import { ApiError } from '../lib/errors.js';
import type { Services } from '../lib/context.js';
import { interviewCost, type BillingConfig } from './config.js';

export class InsufficientCreditsError extends ApiError {
  override readonly name = 'InsufficientCreditsError';
  constructor(
    readonly needed: number,
    readonly balance: number,
  ) {
    super(402, 'insufficient_credits', `this interview costs ${needed} credits and your balance is ${balance}: buy credits or choose a shorter interview`);
  }
}

export interface LedgerEntry {
  amount: number;
  kind: CreditEntryKind;
  idempotencyKey: string;
  interviewId?: string | null;
  note?: string | null;
}

/** Creates the account's anchor row if missing; true when this call created it. */
async function ensureAccountTx(tx: Tx, userId: string): Promise<boolean> {
  const created = await tx.insert(creditAccounts).values({ userId }).onConflictDoNothing().returning({ userId: creditAccounts.userId });
  return created.length > 0;
}

/**
 * Locks the user's credit account for the rest of the transaction (creating it first if needed).
 * Every balance change that must not overdraw goes through here before reading the balance.
 */
export async function lockAccountTx(tx: Tx, userId: string): Promise<void> {
  await ensureAccountTx(tx, userId);
  await tx.update(creditAccounts).set({ lockedAt: sql`now()` }).where(eq(creditAccounts.userId, userId));
}

export async function balanceTx(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ balance: sql<number>`coalesce(sum(${creditLedger.amount}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.userId, userId));
  return Number(row?.balance ?? 0);
}

/** Appends the entry unless its idempotency key is already in the ledger; true when it was added. */
export async function appendEntryTx(tx: Tx, userId: string, entry: LedgerEntry): Promise<boolean> {
  const rows = await tx
    .insert(creditLedger)
    .values({ userId, amount: entry.amount, kind: entry.kind, idempotencyKey: entry.idempotencyKey, interviewId: entry.interviewId ?? null, note: entry.note ?? null })
    .onConflictDoNothing({ target: creditLedger.idempotencyKey })
    .returning({ id: creditLedger.id });
  return rows.length > 0;
}

/**
 * The starting grant, once per account whatever calls it (sign-up, a claimed tryout, the first
 * look at an account that predates credits). Runs as the user (app role) or the worker.
 */
export async function grantStartingCredits(tx: Tx, userId: string, env: Pick<BillingConfig, 'STARTING_CREDITS'>): Promise<boolean> {
  await ensureAccountTx(tx, userId);
  if (env.STARTING_CREDITS <= 0) return false;
  return appendEntryTx(tx, userId, { amount: env.STARTING_CREDITS, kind: 'starting_grant', idempotencyKey: `starting_grant:${userId}`, note: 'welcome credits' });
}

/**
 * An account seen by billing for the first time gets its starting grant, unless it is a tryout
 * guest (its grant comes when the tryout is claimed into a real account).
 */
export async function openAccountTx(tx: Tx, userId: string, env: Pick<BillingConfig, 'STARTING_CREDITS'>): Promise<void> {
  const [known] = await tx.select({ userId: creditAccounts.userId }).from(creditAccounts).where(eq(creditAccounts.userId, userId));
  if (known) return;
  if (await isGuestTx(tx, userId)) {
    await ensureAccountTx(tx, userId);
    return;
  }
  await grantStartingCredits(tx, userId, env);
}

async function isGuestTx(tx: Tx, userId: string): Promise<boolean> {
  // users.guest belongs to the tryout (db/src/schema/accounts.ts); read through to_jsonb so billing
  // depends neither on the column's TypeScript shape nor on its migration. The app role reads its
  // own users row whole.
  const rows = await tx.execute(sql`select (to_jsonb(u) ->> 'guest') = 'true' as guest from users u where u.id = ${userId}`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { guest?: boolean | null }[];
  return list[0]?.guest === true;
}

/**
 * Charges an interview's planned length when its call starts (the token route), once per
 * interview. Nothing is charged when credits are off, when the interview is not the caller's or no
 * longer open (the route's own checks answer those), or for a tryout guest. Throws
 * InsufficientCreditsError (402) with nothing written when the balance does not cover it.
 */
export async function chargeInterviewStart(s: Pick<Services, 'db' | 'env'>, userId: string, interviewId: string): Promise<void> {
  if (!s.env.CREDITS_ENFORCED) return;
  await s.db.asUser(userId, async (tx) => {
    const [iv] = await tx.select({ status: interviews.status, timeBoxSeconds: interviews.timeBoxSeconds }).from(interviews).where(eq(interviews.id, interviewId));
    if (!iv || (iv.status !== 'scheduled' && iv.status !== 'live')) return;
    if (await isGuestTx(tx, userId)) return;
    await openAccountTx(tx, userId, s.env);
    await lockAccountTx(tx, userId);
    const key = `interview:${interviewId}`;
    const [charged] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(eq(creditLedger.idempotencyKey, key));
    if (charged) return;
    const cost = interviewCost(iv.timeBoxSeconds, s.env);
    if (cost <= 0) return;
    const balance = await balanceTx(tx, userId);
    if (balance < cost) throw new InsufficientCreditsError(cost, balance);
    await appendEntryTx(tx, userId, { amount: -cost, kind: 'interview', idempotencyKey: key, interviewId, note: `${Math.ceil(iv.timeBoxSeconds / 60)}-minute interview` });
  });
}

/** Whether the interview's start has been charged (its planned length is then fixed). */
export async function isInterviewChargedTx(tx: Tx, interviewId: string): Promise<boolean> {
  const [row] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(eq(creditLedger.idempotencyKey, `interview:${interviewId}`));
  return row !== undefined;
}

/**
 * Gives back what an interview was charged, once, when it failed on our side (run as the worker:
 * the app role may not add refunds). False when it was never charged or is refunded already.
 */
export async function refundInterviewTx(tx: Tx, interviewId: string): Promise<boolean> {
  const [charge] = await tx
    .select({ userId: creditLedger.userId, amount: creditLedger.amount, note: creditLedger.note })
    .from(creditLedger)
    .where(eq(creditLedger.idempotencyKey, `interview:${interviewId}`));
  if (!charge) return false;
  return appendEntryTx(tx, charge.userId, { amount: -charge.amount, kind: 'refund', idempotencyKey: `refund:${interviewId}`, interviewId, note: 'interview failed on our side' });
}

/** A page of the user's ledger, newest first; `before` is the createdAt of the last entry seen. */
export async function ledgerPageTx(tx: Tx, userId: string, limit: number, before?: Date) {
  return tx
    .select({ id: creditLedger.id, amount: creditLedger.amount, kind: creditLedger.kind, interviewId: creditLedger.interviewId, note: creditLedger.note, createdAt: creditLedger.createdAt })
    .from(creditLedger)
    .where(before ? and(eq(creditLedger.userId, userId), lt(creditLedger.createdAt, before)) : eq(creditLedger.userId, userId))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(limit);
}

/**
 * For the scoring job, which runs after every close: refunds the interview when it ended in
 * failure on our side (end reason `error`: the agent or the system failed, not the candidate).
 * Runs as the worker; idempotent.
 */
export async function refundIfFailedOnOurSide(s: Pick<Services, 'db'>, interviewId: string): Promise<boolean> {
  return s.db.asWorker(async (tx) => {
    const [iv] = await tx.select({ endReason: interviews.endReason, status: interviews.status }).from(interviews).where(eq(interviews.id, interviewId));
    if (!iv || (iv.endReason !== 'error' && iv.status !== 'failed')) return false;
    return refundInterviewTx(tx, interviewId);
  });
}

/**
 * The weekly leaderboard: opt-in, under a chosen handle, ranked by completed interviews this ISO
 * week (weeks start Monday 00:00 UTC) and then by current streak, never by scores. Other users'
 * entries are read only through habits_leaderboard() (db/migrations/0012_habits.sql), which returns
 * handle and counts. Leaving deletes the entry in the same request: nothing caches the board.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@mockroom/db/client';

export const LEADERBOARD_SIZE = 50;
export const HANDLE_RE = /^[A-Za-z][A-Za-z0-9_-]{2,23}$/;
const RESERVED = ['admin', 'administrator', 'mockroom', 'moderator', 'support', 'system', 'staff', 'root', 'anonymous', 'recruiter'];

export type HandleProblem = 'format' | 'reserved' | 'personal';

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Why a handle cannot be used, or null. A handle is pseudonymous: it may not contain the user's
 * name (any part of three letters or more) or the local part of their email address.
 */
export function handleProblem(handle: string, person: { displayName: string; email: string }): HandleProblem | null {
  if (!HANDLE_RE.test(handle)) return 'format';
  const key = squash(handle);
  if (RESERVED.some((r) => key.includes(r))) return 'reserved';
  const parts = [...person.displayName.split(/\s+/), person.displayName, person.email.split('@')[0] ?? '', ...(person.email.split('@')[0] ?? '').split(/[._+-]+/)]
    .map(squash)
    .filter((p) => p.length >= 3);
  if (parts.some((p) => key.includes(p))) return 'personal';
  return null;
}

export const HANDLE_MESSAGES: Record<HandleProblem, string> = {
  format: 'A handle is 3 to 24 letters, digits, "-" or "_", starting with a letter.',
  reserved: 'That handle is reserved. Choose another.',
  personal: 'A handle may not contain your name or email address. Choose a pseudonym.',
};

export interface BoardRow {
  rank: number;
  handle: string;
  practiceCount: number;
  streak: number;
}

/** The board for the week starting `weekStart`, best first; equal counts and streaks share a rank. */
export async function readBoard(tx: Tx, weekStart: string, limit = LEADERBOARD_SIZE): Promise<BoardRow[]> {
  const rows = rowsOf<{ handle: string; practice_count: number; streak: number }>(await tx.execute(sql`select handle, practice_count, streak from habits_leaderboard(${weekStart}::date, ${limit})`));
  const out: BoardRow[] = [];
  rows.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.practiceCount === r.practice_count && prev.streak === r.streak ? prev.rank : i + 1;
    out.push({ rank, handle: r.handle, practiceCount: Number(r.practice_count), streak: Number(r.streak) });
  });
  return out;
}

/**
 * Review transactions: the caller's row-level security plus app.review_mode = 'on', the setting
 * under which the policies let a reviewer read the interviews shared with them (migration 0008).
 * Only the review routes open these, so candidate routes never see a shared interview.
 */
import { sql } from 'drizzle-orm';
import type { MockroomDb, Tx } from '@mockroom/db/client';

export async function asReviewer<T>(db: MockroomDb, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.asUser(userId, async (tx) => {
    await tx.execute(sql`select set_config('app.review_mode', 'on', true)`);
    return fn(tx);
  });
}

/**
 * The free tryout without an account (docs/tryout.md): one row per tryout given, holding only keyed
 * hashes (HMAC-SHA256 with the server's TRYOUT_SECRET) of what identifies the device and its network,
 * never a fingerprint or an address in clear. The unique keys make "one tryout per device" hold under
 * concurrent requests; the prefix key counts tryouts per network for the hourly cap.
 *
 * The worker role writes, counts and purges it (the tryout route runs before any account exists,
 * the retention job purges it). A guest may read its own row (user_id, while it is a guest), so the
 * account export shows what is kept about it; nobody reads another's.
 */
import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { createdAtColumn, idColumn } from './columns.js';
import { appRole, workerRole } from './roles.js';

export const tryouts = pgTable(
  'tryouts',
  {
    id: idColumn(),
    /** HMAC of the browser's stored device id: the same browser profile, from any network. */
    deviceKey: text().notNull().unique(),
    /** HMAC of the network prefix (/24, /48) and the browser's stable features: the same device after its storage was cleared. */
    networkKey: text().notNull().unique(),
    /** HMAC of the network prefix alone: the hourly cap per network. */
    prefixKey: text().notNull(),
    /**
     * The guest account the tryout created, while it is still a guest: cleared when it is claimed
     * (the device's row then says nothing about the account), and by the purge of an unclaimed guest.
     */
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index().on(t.prefixKey, t.createdAt),
    index().on(t.createdAt),
    pgPolicy('tryouts_worker', { for: 'all', to: workerRole, using: sql`true`, withCheck: sql`true` }),
    pgPolicy('tryouts_owner_read', { for: 'select', to: appRole, using: sql`user_id = app_user_id()` }),
  ],
);

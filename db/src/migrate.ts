/** Applies the committed migrations (generated + hand-written RLS) as the schema owner. */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { makePostgres, type MockroomDb } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Several API instances may start at once: an advisory lock serialises their migrations. */
const MIGRATION_LOCK_KEY = 7_413_920_001;

export async function migrateDb(db: MockroomDb): Promise<void> {
  if (db.kind === 'pglite') {
    await migratePglite(db.owner as Parameters<typeof migratePglite>[0], { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  if (!db.databaseUrl) throw new Error('postgres database without a url');
  // One connection, so the session-level advisory lock and the migration share it.
  const client = postgres(db.databaseUrl, { max: 1, onnotice: () => {} });
  const owner = makePostgres(client);
  try {
    await owner.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    await migratePostgres(owner, { migrationsFolder: MIGRATIONS_DIR });
    await owner.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Test databases: a fresh in-memory PGlite with migrations applied, or — when TEST_DATABASE_URL
 * names a Postgres (superuser, as the test runner provides) — a fresh database created on it for
 * each call and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type MockroomDb } from './client.js';
import { migrateDb } from './migrate.js';

export interface TestDatabase {
  db: MockroomDb;
  /** The URL of the per-test database on Postgres; undefined on PGlite. */
  url?: string;
  /** An owner-level postgres.js client on that database (Postgres only), for fault injection. */
  admin?: postgres.Sql;
  cleanup(): Promise<void>;
}

export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.length > 0 ? url : undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = testDatabaseUrl();
  if (!base) {
    const db = createDb();
    await migrateDb(db);
    return { db, cleanup: () => db.close() };
  }
  const name = `mr_test_${randomBytes(6).toString('hex')}`;
  const root = postgres(base, { max: 1, onnotice: () => {} });
  await root.unsafe(`CREATE DATABASE ${name}`);
  await root.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = createDb({ databaseUrl: url.toString(), maxConnections: 8 });
  // Roles are cluster-wide; test files migrating in parallel can race on creating them.
  for (let attempt = 0; ; attempt++) {
    try {
      await migrateDb(db);
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
    }
  }
  const admin = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    db,
    url: url.toString(),
    admin,
    async cleanup() {
      await db.close();
      await admin.end({ timeout: 5 });
      const r = postgres(base, { max: 1, onnotice: () => {} });
      await r.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await r.end();
    },
  };
}

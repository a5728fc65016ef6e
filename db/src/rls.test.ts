import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { RLS_TABLES, rowsOf, type MockroomDb, type Tx } from './client.js';
import * as schema from './schema/index.js';
import { applications, interviews, jobs, reports, transcriptTurns, users } from './schema/index.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let t: TestDatabase;
let db: MockroomDb;

async function createUser(email: string): Promise<string> {
  const id = randomUUID();
  await db.asUser(id, (tx) => tx.insert(users).values({ id, email, displayName: 'Someone', passwordHash: 'x' }));
  return id;
}

async function createApplication(userId: string): Promise<string> {
  const [row] = await db.asUser(userId, (tx) =>
    tx
      .insert(applications)
      .values({ userId, company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'jd' })
      .returning(),
  );
  return row!.id;
}

async function createInterview(userId: string, applicationId: string): Promise<string> {
  const id = randomUUID();
  await db.asUser(userId, (tx) =>
    tx.insert(interviews).values({ id, userId, applicationId, roomName: `iv_${id}`, plan: {}, timeBoxSeconds: 900 }),
  );
  return id;
}

function turn(interviewId: string, userId: string, turnId: string) {
  const now = new Date();
  return { interviewId, userId, turnId, sequence: 0, speaker: 'candidate' as const, text: 'hello', startedAt: now, endedAt: now };
}

let alice: string;
let bob: string;
let aliceApp: string;
let bobApp: string;
let aliceInterview: string;
let bobInterview: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  alice = await createUser('alice@example.test');
  bob = await createUser('bob@example.test');
  aliceApp = await createApplication(alice);
  bobApp = await createApplication(bob);
  aliceInterview = await createInterview(alice, aliceApp);
  bobInterview = await createInterview(bob, bobApp);
});

afterAll(async () => {
  await t?.cleanup();
});

describe('row-level security coverage', () => {
  it('enables and forces RLS, with policies, on every table that holds a user column', async () => {
    const tables = rowsOf<{ name: string; rls: boolean; forced: boolean; policies: number }>(
      await db.owner.execute(sql`
        select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
               (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and (c.relname = 'users' or exists (
            select 1 from information_schema.columns col
            where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'user_id'))
        order by c.relname`),
    );
    // users itself plus the ten tables with a user_id today; a new one must join them.
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const table of tables) {
      expect({ ...table, listed: RLS_TABLES.includes(table.name) }).toEqual({ name: table.name, rls: true, forced: true, policies: table.policies, listed: true });
      expect(table.policies, table.name).toBeGreaterThan(0);
    }
  });

  it('has in the database exactly the policies the schema declares beside each table', async () => {
    const declared = (Object.values(schema) as unknown[])
      .flatMap((value) => (is(value, PgTable) ? getTableConfig(value).policies.map((p) => `${getTableConfig(value).name}.${p.name}`) : []))
      .sort();
    const actual = rowsOf<{ name: string }>(
      await db.owner.execute(sql`select tablename || '.' || policyname as name from pg_policies where schemaname = 'public' order by 1`),
    ).map((r) => r.name);
    expect(declared.length).toBeGreaterThan(0);
    expect(actual).toEqual(declared);
  });
});

describe('row-level security', () => {
  it('passes the start-up check that no narrow role bypasses RLS', async () => {
    await expect(db.assertRlsEnforced()).resolves.toBeUndefined();
  });

  it('runs user queries as a role that is neither superuser nor owner', async () => {
    const rows = await db.asUser(alice, async (tx) =>
      rowsOf<{ u: string; s: boolean }>(
        await tx.execute(sql`select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as s`),
      ),
    );
    expect(rows[0]).toEqual({ u: 'mockroom_app', s: false });
  });

  it('has role and setting in place for the first statement of every transaction, under concurrency', async () => {
    // The set-up statement is pipelined ahead of fn's on Postgres: a misordering would show as
    // the owner role or a missing/foreign user id here.
    const ids = Array.from({ length: 200 }, (_, i) => (i % 2 ? alice : bob));
    const seen = await Promise.all(
      ids.map((id) =>
        db.asUser(id, async (tx) => rowsOf<{ u: string; id: string }>(await tx.execute(sql`select current_user as u, current_setting('app.user_id', true) as id`))[0]),
      ),
    );
    expect(seen).toEqual(ids.map((id) => ({ u: 'mockroom_app', id })));
    const agent = await db.asAgent(aliceInterview, async (tx) => rowsOf<{ u: string }>(await tx.execute(sql`select current_user as u`))[0]);
    expect(agent).toEqual({ u: 'mockroom_agent' });
  });

  it('returns only the caller’s rows from a query with no owner filter', async () => {
    const seen = await db.asUser(alice, (tx) => tx.select().from(applications));
    expect(seen.map((a) => a.id)).toEqual([aliceApp]);
    const people = await db.asUser(bob, (tx) => tx.select().from(users));
    expect(people.map((u) => u.id)).toEqual([bob]);
    const ivs = await db.asUser(bob, (tx) => tx.select().from(interviews));
    expect(ivs.map((i) => i.id)).toEqual([bobInterview]);
  });

  it('lets no write touch another user’s rows', async () => {
    const updated = await db.asUser(alice, (tx) =>
      tx.update(applications).set({ company: 'Hacked' }).where(eq(applications.id, bobApp)).returning(),
    );
    expect(updated).toHaveLength(0);
    const deleted = await db.asUser(alice, (tx) => tx.delete(applications).where(eq(applications.id, bobApp)).returning());
    expect(deleted).toHaveLength(0);
    const [still] = await db.asUser(bob, (tx) => tx.select().from(applications));
    expect(still?.company).toBe('Acme');
  });

  it('refuses to insert rows owned by someone else', async () => {
    await expect(
      db.asUser(alice, (tx) =>
        tx.insert(applications).values({ userId: bob, company: 'x', role: 'x', seniority: 'mid', interviewType: 'mixed', jobDescription: 'x' }),
      ),
    ).rejects.toThrow();
  });

  it('refuses an interview that points at another user’s application (FK checks ignore RLS)', async () => {
    await expect(createInterview(alice, bobApp)).rejects.toThrow();
  });

  it('sees nothing once the transaction that set the user id is over', async () => {
    const rows = await db.asAnonymous(async (tx) => {
      const setting = rowsOf<{ v: string | null }>(await tx.execute(sql`select current_setting('app.user_id', true) as v`));
      const apps = await tx.select().from(applications);
      return { setting: setting[0]?.v ?? null, apps };
    });
    expect(rows.setting === '' || rows.setting === null).toBe(true);
    expect(rows.apps).toHaveLength(0);
  });

  it('lets anonymous code reach users only through the narrow auth functions', async () => {
    const direct = await db.asAnonymous((tx) => tx.select().from(users));
    expect(direct).toHaveLength(0);
    const found = await db.asAnonymous(async (tx) =>
      rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from auth_find_user(${'alice@example.test'})`)),
    );
    expect(found.map((r) => r.user_id)).toEqual([alice]);
  });

  it('keeps users from writing transcript turns themselves', async () => {
    await expect(db.asUser(alice, (tx) => tx.insert(transcriptTurns).values(turn(aliceInterview, alice, 't1')))).rejects.toThrow();
  });

  it('scopes the agent to one interview', async () => {
    await db.asAgent(aliceInterview, (tx) => tx.insert(transcriptTurns).values(turn(aliceInterview, alice, 'a1')));
    const visible = await db.asAgent(aliceInterview, (tx) => tx.select({ id: interviews.id }).from(interviews));
    expect(visible.map((r) => r.id)).toEqual([aliceInterview]);
    await expect(
      db.asAgent(aliceInterview, (tx) => tx.insert(transcriptTurns).values(turn(bobInterview, bob, 'b1'))),
    ).rejects.toThrow();
    // Claiming the row belongs to someone else than the interview's owner fails too.
    await expect(
      db.asAgent(aliceInterview, (tx) => tx.insert(transcriptTurns).values(turn(aliceInterview, bob, 'a2'))),
    ).rejects.toThrow();
    const names = await db.asAgent(aliceInterview, (tx) => tx.select({ id: users.id, name: users.displayName }).from(users));
    expect(names.map((u) => u.id)).toEqual([alice]);
    const read = await db.asUser(alice, (tx) => tx.select().from(transcriptTurns));
    expect(read.map((r) => r.turnId)).toEqual(['a1']);
    expect(await db.asUser(bob, (tx) => tx.select().from(transcriptTurns))).toHaveLength(0);
  });

  it('closes agent writes once an interview has long ended', async () => {
    const app = await createApplication(alice);
    const iv = await createInterview(alice, app);
    await db.asWorker((tx) =>
      tx.update(interviews).set({ status: 'ended', endedAt: new Date(Date.now() - 10 * 60_000) }).where(eq(interviews.id, iv)),
    );
    await expect(db.asAgent(iv, (tx) => tx.insert(transcriptTurns).values(turn(iv, alice, 'late')))).rejects.toThrow();
  });

  it('denies the worker role any transcript access', async () => {
    await expect(db.asWorker((tx) => tx.select().from(transcriptTurns))).rejects.toThrow();
    await expect(db.asWorker((tx) => tx.select().from(reports))).rejects.toThrow();
  });

  it('cascades a user deletion to everything they own', async () => {
    const carol = await createUser('carol@example.test');
    const app = await createApplication(carol);
    const iv = await createInterview(carol, app);
    await db.asAgent(iv, (tx) => tx.insert(transcriptTurns).values(turn(iv, carol, 'c1')));
    await db.asUser(carol, (tx) => tx.insert(jobs).values({ kind: 'x', payload: {}, userId: carol }));
    await db.asUser(carol, (tx) => tx.delete(users).where(eq(users.id, carol)));
    const left = rowsOf<{ n: number }>(
      await db.owner.execute(sql`select
        (select count(*) from applications where user_id = ${carol})::int +
        (select count(*) from interviews where user_id = ${carol})::int +
        (select count(*) from transcript_turns where user_id = ${carol})::int +
        (select count(*) from jobs where user_id = ${carol})::int as n`),
    );
    expect(left[0]?.n).toBe(0);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('row-level security on Postgres under connection kills', () => {
  it('leaks no rows across users while connections die mid-transaction', async () => {
    const admin = t.admin!;
    const seen = new Set<string>();
    const rounds = 30;
    let killed = 0;
    for (let i = 0; i < rounds; i++) {
      const victim = db
        .asUser(alice, async (tx: Tx) => {
          const pid = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
          await admin`select pg_terminate_backend(${pid})`;
          killed++;
          await tx.execute(sql`select pg_sleep(0.05)`);
          return tx.select().from(applications);
        })
        .catch(() => null);
      const readers = Array.from({ length: 4 }, (_, k) =>
        db.asUser(k % 2 ? bob : alice, async (tx) => ({ who: k % 2 ? bob : alice, rows: await tx.select().from(applications) })),
      );
      const results = await Promise.allSettled([victim, ...readers]);
      for (const r of results.slice(1)) {
        if (r.status !== 'fulfilled' || !r.value || !('who' in r.value)) continue;
        for (const row of r.value.rows) {
          expect(row.userId).toBe(r.value.who);
          seen.add(row.userId);
        }
      }
      // Between rounds a connection with no user set must still see nothing.
      const anon = await db.asAnonymous((tx) => tx.select().from(applications)).catch(() => []);
      expect(anon).toHaveLength(0);
    }
    expect(killed).toBe(rounds);
    expect(seen.size).toBe(2);
  });
});

/**
 * Database client factory. DATABASE_URL set → postgres.js against a real Postgres; unset → embedded
 * PGlite in dataDir (or in memory when neither is given).
 *
 * The connection itself is the schema owner (migrations run as it). Every query on behalf of a
 * request runs inside a transaction after switching to its narrow role (`set_config('role', …, true)`, i.e. SET LOCAL ROLE) and a transaction-local
 * `set_config`, so row-level security applies and nothing outlives the transaction — not even on
 * a pooled connection that was killed mid-transaction. See docs/decisions/001-rls.md.
 */
import { PGlite } from '@electric-sql/pglite';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

function makePglite(client: PGlite) {
  return drizzlePglite({ client, schema, casing: 'snake_case' });
}
export function makePostgres(client: postgres.Sql) {
  return drizzlePostgres({ client, schema, casing: 'snake_case' });
}

/** The owner-level Drizzle handle. Only migrations and the role checks use it directly. */
export type OwnerDb = ReturnType<typeof makePglite> | ReturnType<typeof makePostgres>;
type AnyDb = ReturnType<typeof makePglite>;
/** A transaction running as one of the narrow roles. */
export type Tx = Parameters<Parameters<AnyDb['transaction']>[0]>[0];

// The roles and their policies are declared in the schema (schema/roles.ts, pgPolicy per table).
export const APP_ROLE = schema.appRole.name;
export const AGENT_ROLE = schema.agentRole.name;
export const WORKER_ROLE = schema.workerRole.name;
export const AUTH_ROLE = schema.authRole.name;
export const NARROW_ROLES = [APP_ROLE, AGENT_ROLE, WORKER_ROLE, AUTH_ROLE] as const;

export class RlsBypassError extends Error {
  override readonly name = 'RlsBypassError';
}

export interface MockroomDb {
  readonly kind: 'pglite' | 'postgres';
  readonly owner: OwnerDb;
  /** Set for postgres: the migrator opens its own single connection to hold an advisory lock. */
  readonly databaseUrl?: string;
  /** Runs fn as mockroom_app with app.user_id set for this transaction only. */
  asUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn as mockroom_app with no user: only the auth SECURITY DEFINER functions answer. */
  asAnonymous<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn as mockroom_agent scoped to one interview. */
  asAgent<T>(interviewId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn as mockroom_worker: job queue, webhooks, sweeper, outbox; no user content. */
  asWorker<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Throws RlsBypassError if any narrow role could bypass row-level security. */
  assertRlsEnforced(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDb(options: CreateDbOptions = {}): MockroomDb {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // The API's own queries are short; a stuck one should not hold a connection forever.
      idle_timeout: 30,
    });
    return { ...wrap('postgres', makePostgres(client), () => client.end({ timeout: 5 })), databaseUrl: options.databaseUrl };
  }
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  return wrap('pglite', makePglite(client), () => client.close());
}

function wrap(kind: 'pglite' | 'postgres', owner: OwnerDb, close: () => Promise<void>): MockroomDb {
  const ownerAny = owner as AnyDb;
  async function inRole<T>(role: (typeof NARROW_ROLES)[number], settings: Record<string, string>, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const guard = kind === 'postgres' ? new ConnectionGuard() : null;
    const run = ownerAny.transaction(async (tx) => {
      if (guard) guard.install(tx);
      try {
        // The role and the settings in one statement: set_config('role', …, true) is SET LOCAL
        // ROLE (same membership check, same transaction scope). Role names are constants here.
        const pairs: [string, string][] = [['role', role], ...Object.entries(settings)];
        const setupText = `select ${pairs.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`;
        const setupParams = pairs.flat();
        let result: T;
        if (guard) {
          // postgres.js: pipelined ahead of fn's statements instead of waiting a round trip.
          // A postgres.js query is handed to the transaction's connection one microtask after it
          // starts, in start order, and the connection runs them in that order; this one starts
          // before fn is even called. Had it failed, fn's statements fail too (the transaction is
          // aborted). rls.test.ts checks role and setting under many concurrent transactions.
          const setup = rawClient(tx).unsafe(setupText, setupParams).execute();
          setup.catch(() => undefined);
          result = await fn(tx);
          await setup;
        } else {
          await tx.execute(sql`select ${sql.join(
            pairs.map(([key, value]) => sql`set_config(${key}, ${value}, true)`),
            sql`, `,
          )}`);
          result = await fn(tx);
        }
        if (guard?.dead) return guard.park<T>();
        return result;
      } catch (error) {
        if (guard && (guard.dead || isConnectionLoss(error))) {
          guard.dead = true;
          return guard.park<T>();
        }
        throw error;
      }
    });
    if (guard) run.catch(() => (guard.dead = true));
    return run;
  }
  return {
    kind,
    owner,
    asUser(userId, fn) {
      if (!UUID_RE.test(userId)) throw new TypeError('asUser needs a uuid');
      return inRole(APP_ROLE, { 'app.user_id': userId }, fn);
    },
    asAnonymous(fn) {
      return inRole(APP_ROLE, {}, fn);
    },
    asAgent(interviewId, fn) {
      if (!UUID_RE.test(interviewId)) throw new TypeError('asAgent needs a uuid');
      return inRole(AGENT_ROLE, { 'app.interview_id': interviewId }, fn);
    },
    asWorker(fn) {
      return inRole(WORKER_ROLE, {}, fn);
    },
    async assertRlsEnforced() {
      const roles = (await ownerAny.execute(
        sql`select rolname, rolsuper, rolbypassrls from pg_roles where rolname in (${sql.join(
          NARROW_ROLES.map((r) => sql`${r}`),
          sql`, `,
        )})`,
      )) as unknown as { rows?: Row[] } | Row[];
      const rows = rowsOf<Row>(roles);
      if (rows.length !== NARROW_ROLES.length) throw new RlsBypassError('database roles are missing: run the migrations');
      for (const r of rows) {
        if (r.rolsuper || r.rolbypassrls) throw new RlsBypassError(`role ${r.rolname} can bypass row-level security`);
      }
      const owned = rowsOf<{ tablename: string; rowsecurity: boolean; forced: boolean; owner: string }>(
        await ownerAny.execute(sql`
          select c.relname as tablename, c.relrowsecurity as rowsecurity, c.relforcerowsecurity as forced,
                 pg_get_userbyid(c.relowner) as owner
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`),
      );
      for (const t of owned) {
        if ((NARROW_ROLES as readonly string[]).includes(t.owner)) {
          throw new RlsBypassError(`table ${t.tablename} is owned by ${t.owner}`);
        }
        if (RLS_TABLES.includes(t.tablename) && !(t.rowsecurity && t.forced)) {
          throw new RlsBypassError(`table ${t.tablename} does not force row-level security`);
        }
      }
    },
    close,
  };
}

type Row = { rolname: string; rolsuper: boolean; rolbypassrls: boolean };

/** The postgres.js transaction handle under a drizzle transaction (guarded by ConnectionGuard). */
function rawClient(tx: Tx): { unsafe(text: string, params: string[]): { execute(): Promise<unknown> } } {
  return (tx as unknown as { session: { client: ReturnType<typeof rawClient> } }).session.client;
}

/**
 * Tables holding user data: every table the schema gives row-level policies. Each must have RLS
 * enabled and forced (FORCE is in the hand-written migration 0001_rls.sql); rls.test.ts checks
 * that every table with a user column is among them.
 */
export const RLS_TABLES: readonly string[] = (Object.values(schema) as unknown[])
  .flatMap((value) => (is(value, PgTable) ? [getTableConfig(value)] : []))
  .filter((config) => config.policies.length > 0)
  .map((config) => config.name);

/** PGlite answers `{ rows }`, postgres.js an array: normalise. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export class TransactionConnectionLostError extends Error {
  override readonly name = 'TransactionConnectionLostError';
  constructor() {
    super('the connection of this transaction was lost');
  }
}

const CONNECTION_LOSS_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNRESET',
  'EPIPE',
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08006', // connection_failure
  '08003', // connection_does_not_exist
  '25P03', // idle_in_transaction_session_timeout
]);

function isConnectionLoss(error: unknown): boolean {
  if (error instanceof TransactionConnectionLostError) return true;
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOSS_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Works around postgres.js transaction handles misbehaving after a disconnect
 * (porsager/postgres#1208, #1215, #1216): once a transaction's connection dies, postgres.js
 * rejects the transaction, but later statements from the same scope — including its own
 * ROLLBACK — can be written to a null socket (an uncatchable crash) or to the reconnected
 * connection, inside another request's transaction. So once the connection is lost, this
 * guard refuses every further statement and parks the scope (never settles it), which keeps
 * postgres.js from sending ROLLBACK/COMMIT on our behalf. The caller still gets the rejection.
 */
class ConnectionGuard {
  dead = false;

  install(tx: unknown): void {
    const session = (tx as { session?: { client?: unknown } }).session;
    const client = session?.client as { unsafe?: (...args: unknown[]) => unknown } | undefined;
    if (!session || !client || typeof client.unsafe !== 'function') {
      throw new Error('unexpected drizzle postgres-js transaction shape');
    }
    const guard = this;
    session.client = new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'unsafe' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (guard.dead) throw new TransactionConnectionLostError();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  park<T>(): Promise<T> {
    return new Promise<T>(() => {});
  }
}

/**
 * The account export, generated from the schema: every table with a `user_id` column (and `users`
 * itself) is read as the user, filtered to their own rows, with only the columns listed in
 * OMITTED_COLUMNS left out (secrets, and queue bookkeeping the user's role may not read). A table
 * added to the schema is exported without editing this file; export.test.ts seeds a row in every
 * such table and fails when one is missing from the archive.
 *
 * The archive is a gzipped tar (no dependency: the ustar header is a few fields) holding
 * data.json and one readable text file per interview transcript.
 */
import { gzipSync } from 'node:zlib';
import { and, asc, eq, getTableColumns, is, type Column } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '@mockroom/db/client';
import * as schema from '@mockroom/db/schema';
import type { Services } from './context.js';

/** Columns never exported, by SQL table and column name, each with why. */
export const OMITTED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  users: { password_hash: 'a secret (and useless outside this server)' },
  sessions: { secret_hash: 'a secret' },
  one_time_tokens: { token_hash: 'a secret' },
  review_shares: { invite_token_hash: 'a secret (the hash of a pending review invitation link)' },
  // The user's role may read only these columns of its jobs (0001_rls.sql); the rest is queue bookkeeping.
  jobs: { payload: 'queue bookkeeping', attempts: 'queue bookkeeping', max_attempts: 'queue bookkeeping', run_after: 'queue bookkeeping', locked_until: 'queue bookkeeping', last_error: 'queue bookkeeping', created_at: 'queue bookkeeping', updated_at: 'queue bookkeeping' },
};

/** Hashes of passwords, session secrets and link tokens, in any table: never exported. */
const SECRET_COLUMN_RE = /(^|_)(password|secret|token)_hash$/;

export interface ExportTable {
  /** SQL name, e.g. transcript_turns. */
  name: string;
  table: PgTable;
  /** The column that names the owner (users.id for users). */
  owner: Column;
}

/** The column's SQL name: the schema declares keys only and the client maps them to snake_case. */
export function sqlName(column: Column): string {
  return column.keyAsName ? column.name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) : column.name;
}

/** Every table of the schema that holds rows owned by a user. */
export function exportTables(): ExportTable[] {
  const found: ExportTable[] = [];
  for (const value of Object.values(schema) as unknown[]) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const columns = getTableColumns(value) as Record<string, Column>;
    const owner = config.name === 'users' ? columns.id : Object.values(columns).find((c) => sqlName(c) === 'user_id');
    if (owner) found.push({ name: config.name, table: value, owner });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function readTable(tx: Tx, userId: string, t: ExportTable): Promise<Record<string, unknown>[]> {
  const omitted = OMITTED_COLUMNS[t.name] ?? {};
  const columns = Object.fromEntries(
    Object.entries(getTableColumns(t.table) as Record<string, PgColumn>).filter(([, c]) => !(sqlName(c) in omitted) && !SECRET_COLUMN_RE.test(sqlName(c))),
  );
  // RLS already scopes the read to the caller; the owner filter keeps out rows another table's
  // policy lets them see (a shared interview, say) that are not theirs.
  return (await tx.select(columns).from(t.table).where(and(eq(t.owner, userId)))) as Record<string, unknown>[];
}

/** Everything the user owns, one array per table (JSON-ready: dates as ISO strings). */
export async function collectUserData(s: Pick<Services, 'db'>, userId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = exportTables();
  const data = await s.db.asUser(userId, async (tx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const t of tables) out[t.name] = await readTable(tx, userId, t);
    return out;
  });
  return JSON.parse(JSON.stringify(data)) as Record<string, Record<string, unknown>[]>;
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'x';
}

/** Readable transcripts, one file per interview: path → text. */
async function transcriptFiles(s: Pick<Services, 'db'>, userId: string): Promise<Map<string, string>> {
  const { interviews, applications, transcriptTurns } = schema;
  const rows = await s.db.asUser(userId, async (tx) => {
    const ivs = await tx
      .select({ id: interviews.id, createdAt: interviews.createdAt, company: applications.company, role: applications.role })
      .from(interviews)
      .innerJoin(applications, eq(applications.id, interviews.applicationId))
      .where(eq(interviews.userId, userId));
    const turns = await tx.select().from(transcriptTurns).where(eq(transcriptTurns.userId, userId)).orderBy(asc(transcriptTurns.sequence), asc(transcriptTurns.startedAt));
    return { ivs, turns };
  });
  const files = new Map<string, string>();
  for (const iv of rows.ivs) {
    const lines = [`Interview for ${iv.role} at ${iv.company}`, `Created ${iv.createdAt.toISOString()}`, `Interview id ${iv.id}`, ''];
    for (const t of rows.turns.filter((x) => x.interviewId === iv.id)) {
      lines.push(`[${t.startedAt.toISOString().slice(11, 19)}] ${t.speaker === 'candidate' ? 'You' : 'Recruiter'}${t.source === 'typed' ? ' (typed)' : ''}: ${t.text}`);
    }
    files.set(`transcripts/${iv.createdAt.toISOString().slice(0, 10)}-${slug(iv.company)}-${slug(iv.role)}-${iv.id.slice(0, 8)}.txt`, `${lines.join('\n')}\n`);
  }
  return files;
}

const README = `Your Mockroom data
==================

data.json         every row this server holds that belongs to you, one list per table
                  (password and session secrets are left out)
transcripts/      each interview's transcript as plain text

No audio is in this archive because no audio is ever stored.
`;

/** The archive: mockroom-export/{README.txt,data.json,transcripts/*.txt}, gzipped tar. */
export async function buildExportArchive(s: Pick<Services, 'db' | 'now'>, userId: string): Promise<Uint8Array> {
  const data = await collectUserData(s, userId);
  const files = new Map<string, string>([
    ['README.txt', README],
    ['data.json', `${JSON.stringify({ exportedAt: s.now().toISOString(), tables: data }, null, 2)}\n`],
    ...(await transcriptFiles(s, userId)),
  ]);
  const mtime = Math.floor(s.now().getTime() / 1000);
  return gzipSync(toTar([...files].map(([path, text]) => ({ path: `mockroom-export/${path}`, bytes: Buffer.from(text, 'utf8') })), mtime));
}

/** A POSIX ustar archive of regular files (names under 100 bytes, which ours are). */
export function toTar(files: { path: string; bytes: Buffer }[], mtimeSeconds: number): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const header = Buffer.alloc(512);
    const write = (text: string, offset: number, length: number) => header.write(text, offset, Math.min(length, Buffer.byteLength(text)), 'utf8');
    const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\0`;
    if (Buffer.byteLength(f.path) > 99) throw new Error('tar path too long');
    write(f.path, 0, 100);
    write(octal(0o644, 8), 100, 8);
    write(octal(0, 8), 108, 8);
    write(octal(0, 8), 116, 8);
    write(octal(f.bytes.length, 12), 124, 12);
    write(octal(mtimeSeconds, 12), 136, 12);
    header.fill(' ', 148, 156); // checksum field counts as spaces while summing
    write('0', 156, 1);
    write('ustar\0', 257, 6);
    write('00', 263, 2);
    let sum = 0;
    for (const byte of header) sum += byte;
    write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
    blocks.push(header, f.bytes, Buffer.alloc((512 - (f.bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * Log files for `pnpm start`: each service's output is appended to `<dir>/<service>-YYYY-MM-DD.log`
 * (one file per UTC day, so a day's file is never rewritten: rotation by name), and files older than
 * the retention period (LOG_RETENTION_DAYS, default 90) are deleted at start-up and every few hours.
 * The services log no personal data (issue 15); this bounds how long even the rest is kept (issue 16).
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_LOG_RETENTION_DAYS = 90;
const DAY_MS = 24 * 3600_000;
const LOG_FILE_RE = /^([a-z][a-z0-9-]*)-(\d{4}-\d{2}-\d{2})\.log$/;

export interface DailyLogs {
  readonly dir: string;
  readonly retentionDays: number;
  /** Appends a chunk of a service's output to today's file. */
  write(service: string, chunk: Buffer | string): void;
  /** Deletes the files of days before the retention period; returns their names. */
  prune(): string[];
}

export function createDailyLogs(dir: string, retentionDays = DEFAULT_LOG_RETENTION_DAYS, now: () => Date = () => new Date()): DailyLogs {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`LOG_RETENTION_DAYS must be a whole number of days ≥ 1 (got ${retentionDays})`);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    retentionDays,
    write(service, chunk) {
      appendFileSync(join(dir, `${service}-${now().toISOString().slice(0, 10)}.log`), chunk);
    },
    prune() {
      // A file for day D holds lines up to the end of D: it goes once D is more than N days ago.
      const oldestKept = Date.parse(now().toISOString().slice(0, 10)) - (retentionDays - 1) * DAY_MS;
      const gone: string[] = [];
      for (const name of readdirSync(dir)) {
        const m = LOG_FILE_RE.exec(name);
        if (!m || Date.parse(m[2]!) >= oldestKept) continue;
        rmSync(join(dir, name), { force: true });
        gone.push(name);
      }
      return gone;
    },
  };
}

/** LOG_RETENTION_DAYS from the environment (the same variable the privacy page states), or the default. */
export function logRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_LOG_RETENTION_DAYS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LOG_RETENTION_DAYS must be a whole number of days ≥ 1 (got "${value}")`);
  return n;
}

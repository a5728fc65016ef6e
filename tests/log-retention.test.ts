/** `pnpm start`'s log files (scripts/lib/log-retention.ts): one per service and UTC day, older than the retention deleted. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDailyLogs, DEFAULT_LOG_RETENTION_DAYS, logRetentionDays } from '../scripts/lib/log-retention.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('daily log files', () => {
  it('writes one file per service and UTC day, and keeps 90 days by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockroom-logs-'));
    dirs.push(dir);
    let now = new Date('2026-11-29T23:59:00Z');
    const logs = createDailyLogs(dir, logRetentionDays(undefined), () => now);
    expect(logs.retentionDays).toBe(DEFAULT_LOG_RETENTION_DAYS);
    logs.write('api', 'a\n');
    now = new Date('2026-11-30T00:01:00Z');
    logs.write('api', 'b\n');
    logs.write('agent', 'c\n');
    expect(readdirSync(dir).sort()).toEqual(['agent-2026-11-30.log', 'api-2026-11-29.log', 'api-2026-11-30.log']);
    expect(readFileSync(join(dir, 'api-2026-11-30.log'), 'utf8')).toBe('b\n');

    // 90 days kept: today and the 89 days before it.
    writeFileSync(join(dir, 'api-2026-09-01.log'), 'old\n'); // 90 days before 2026-11-30: gone
    writeFileSync(join(dir, 'api-2026-09-02.log'), 'kept\n'); // the 90th day kept
    writeFileSync(join(dir, 'notes.txt'), 'not a log file\n');
    expect(logs.prune()).toEqual(['api-2026-09-01.log']);
    expect(readdirSync(dir)).toContain('api-2026-09-02.log');
    expect(readdirSync(dir)).toContain('notes.txt');
  });

  it('takes the retention from LOG_RETENTION_DAYS and refuses nonsense', () => {
    expect(logRetentionDays('7')).toBe(7);
    expect(() => logRetentionDays('0')).toThrow(/LOG_RETENTION_DAYS/);
    expect(() => logRetentionDays('ninety')).toThrow(/LOG_RETENTION_DAYS/);
  });
});

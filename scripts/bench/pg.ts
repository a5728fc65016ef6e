/**
 * A throwaway PostgreSQL for A2 (turn ingestion "on Postgres"), started the way scripts/test.sh
 * does: initdb in a temp folder, trust auth, loopback only, fsync off (the bench measures the
 * API's path, not the disk). Postgres refuses to run as root, so it runs as the postgres user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeTcpPort } from '../lib/stack.js';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(a) - Number(b));
  const v = versions[versions.length - 1];
  return v ? join(root, v, 'bin') : null;
}

export async function startPostgres(): Promise<ThrowawayPostgres | null> {
  const bin = findPgBin();
  if (!bin) return null;
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync('/tmp/mockroom-bench-pg.');
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (cmd: string, args: string[]) => (isRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args));
  const data = join(dir, 'data');
  const port = await freeTcpPort();
  await as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres']);
  await as(join(bin, 'pg_ctl'), [
    '-D', data, '-w', '-l', join(data, 'log'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

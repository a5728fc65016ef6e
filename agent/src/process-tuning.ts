/**
 * How the worker's job processes are started, tuned for memory on small machines: a bundled
 * plain-JS job entry (no tsx loader in every process), V8 heap flags for the children, and two
 * malloc arenas. Why each, with the measurements behind the numbers: docs/decisions/004.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleJobEntry, pruneStaleBundles } from './job-bundle.js';

/** A 1 MB young generation and 20 % old-generation growth per collection, for job and inference processes. */
export const CHILD_V8_FLAGS = ['--max-semi-space-size=1', '--heap-growing-percent=20'];
/** glibc arenas per job process (MALLOC_ARENA_MAX), unless the environment sets its own. */
export const CHILD_MALLOC_ARENAS = '2';

/**
 * The worker's execArgv for its children: without tsx's loader when the job entry is plain JS,
 * any earlier semi-space setting replaced, and CHILD_V8_FLAGS added.
 */
export function withChildFlags(execArgv: readonly string[], dropTsx: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const takesValue = ['--import', '--require', '-r', '--loader', '--experimental-loader'].includes(arg);
    if (dropTsx && takesValue && /tsx/.test(execArgv[i + 1] ?? '')) {
      i += 1;
      continue;
    }
    if (dropTsx && /^(--import|--require|--loader|--experimental-loader)=.*tsx/.test(arg)) continue;
    if (arg.startsWith('--max-semi-space-size')) continue;
    out.push(arg);
  }
  return [...out, ...CHILD_V8_FLAGS];
}

/**
 * Prepares this worker's job processes, before cli.runApp forks any: bundles `entryFile` (falling
 * back to the .ts entry under tsx if bundling fails), sets the flags the framework forks children
 * with (it uses process.execArgv), and the malloc arena limit children read at start. Returns the
 * agent entry for WorkerOptions.
 */
export async function prepareJobProcesses(entryFile: string, distDir: string): Promise<string> {
  // One folder per worker, so two workers on one checkout (tests beside a dev stack) never share one.
  const bundleDir = join(distDir, `jobs-${process.pid}`);
  pruneStaleBundles(distDir);
  const jobEntry = await bundleJobEntry(entryFile, bundleDir, ['prompts']).catch((err: unknown) => {
    console.warn(`agent: job bundle failed, job processes load the .ts entry under tsx: ${String(err)}`);
    return null;
  });
  const childArgv = withChildFlags(process.execArgv, jobEntry !== null);
  process.execArgv.splice(0, process.execArgv.length, ...childArgv);
  // This process is already running; only its children read it.
  process.env.MALLOC_ARENA_MAX ??= CHILD_MALLOC_ARENAS;
  if (jobEntry) process.on('exit', () => rmSync(bundleDir, { recursive: true, force: true }));
  return jobEntry ?? entryFile;
}

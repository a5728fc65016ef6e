/**
 * Runs document extraction in child processes (extract-worker.mjs), so no upload can move the
 * API's own memory: each document gets a fresh node process with a V8 heap cap, a wall-clock
 * limit and a resident-memory watchdog, and is SIGKILLed when it overruns either. Processes are
 * bounded: at most `concurrency` run at once, `maxQueued` more wait, and beyond that a job is
 * refused at once (the route answers 503) rather than forking without limit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export type ExtractErrorCode = 'too_large' | 'too_many_pages' | 'encrypted' | 'corrupt' | 'too_complex' | 'external_reference' | 'busy';

export type ExtractResult = { text: string } | { error: ExtractErrorCode; pages?: number };

/** A zip entry located by the parent: where its data lies in the upload, and how it is stored. */
export interface ZipEntryRange {
  name: string;
  method: number;
  start: number;
  end: number;
}

export interface ExtractJob {
  kind: 'pdf' | 'docx';
  bytes: Uint8Array;
  /** DOCX only. */
  entries?: ZipEntryRange[];
  limits: {
    maxPages: number;
    /** Bytes the child may inflate for the whole document, counted as they are produced. */
    maxDecodedBytes: number;
    maxStreams: number;
    maxCompressionRatio: number;
    minBombBytes: number;
  };
}

export interface ExtractPoolOptions {
  /** Child processes running at once. */
  concurrency: number;
  /** Jobs waiting for a free slot; one more is refused with `busy`. */
  maxQueued: number;
  /** Wall-clock limit per document, from fork to answer; the child is killed past it. */
  timeoutMs: number;
  /** The child's V8 old-generation cap (--max-old-space-size). */
  heapMiB: number;
  /** Resident memory of the child (heap plus ArrayBuffers plus code); killed past it. Linux only. */
  maxRssBytes: number;
  /** How often the watchdog reads the child's resident memory. */
  rssPollMs: number;
}

const MIB = 1024 * 1024;

const DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

export const DEFAULT_EXTRACT_POOL_OPTIONS: ExtractPoolOptions = {
  concurrency: DEFAULT_CONCURRENCY,
  // A waiting job holds its upload (up to 10 MiB) in the API; a short queue bounds that too.
  maxQueued: 2 * DEFAULT_CONCURRENCY,
  timeoutMs: 8_000,
  heapMiB: 192,
  maxRssBytes: 384 * MIB,
  rssPollMs: 50,
};

const WORKER_PATH = fileURLToPath(new URL('./extract-worker.mjs', import.meta.url));

/** VmRSS of a process from /proc, or null where there is no /proc (the heap cap and timeout still hold). */
async function residentBytes(pid: number): Promise<number | null> {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface ExtractPool {
  run(job: ExtractJob): Promise<ExtractResult>;
  /** Children running and jobs waiting now. */
  load(): { running: number; queued: number };
}

export function createExtractPool(overrides: Partial<ExtractPoolOptions> = {}): ExtractPool {
  const opts = { ...DEFAULT_EXTRACT_POOL_OPTIONS, ...overrides };
  let running = 0;
  const waiting: (() => void)[] = [];

  function release() {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  }

  function runChild(job: ExtractJob): Promise<ExtractResult> {
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = fork(WORKER_PATH, [], {
          // Explicit execArgv: the parent's own flags (tsx or vitest loaders) are not inherited.
          execArgv: [`--max-old-space-size=${opts.heapMiB}`, '--disallow-code-generation-from-strings'],
          // No inherited environment: provider keys and database URLs stay in the API process.
          env: {},
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
          serialization: 'advanced',
        });
      } catch {
        resolve({ error: 'busy' });
        return;
      }
      let result: ExtractResult | null = null;
      let killedFor: 'time' | 'memory' | null = null;
      const kill = (why: 'time' | 'memory') => {
        if (result || killedFor) return;
        killedFor = why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => kill('time'), opts.timeoutMs);
      let polling = false;
      const watchdog = setInterval(() => {
        if (polling || child.pid === undefined) return;
        polling = true;
        void residentBytes(child.pid).then((rss) => {
          polling = false;
          if (rss !== null && rss > opts.maxRssBytes) kill('memory');
        });
      }, opts.rssPollMs);
      child.on('message', (msg: ExtractResult) => {
        if (result || killedFor) return;
        result = msg;
        // Nothing is left for the child to do; do not wait for its own exit.
        child.kill('SIGKILL');
      });
      const finish = (r: ExtractResult) => {
        clearTimeout(timer);
        clearInterval(watchdog);
        resolve(r);
      };
      child.once('error', () => {
        // Spawn failure (EAGAIN, EMFILE): the machine is out of processes, not the document's fault.
        if (child.pid === undefined) finish({ error: 'busy' });
        else child.kill('SIGKILL');
      });
      child.once('close', () => {
        // Killed for time or memory, or crashed (V8 heap exhaustion aborts the process).
        finish(result ?? { error: killedFor || child.exitCode !== 0 ? 'too_complex' : 'corrupt' });
      });
      child.send(job, (err) => {
        if (err) kill('time');
      });
    });
  }

  return {
    async run(job) {
      if (running >= opts.concurrency) {
        if (waiting.length >= opts.maxQueued) return { error: 'busy' };
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await runChild(job);
      } finally {
        release();
      }
    },
    load: () => ({ running, queued: waiting.length }),
  };
}

/** The extraction pool: bounded processes, and children killed past their memory or time. */
import { describe, expect, it } from 'vitest';
import { createExtractPool, type ExtractJob } from './extract-pool.js';
import { MAX_PDF_DECODED_BYTES } from './index.js';
import { makePdf } from './test-fixtures.js';

const LINES = ['Alex Doe, Backend Engineer', 'Skills: TypeScript (Node.js), PostgreSQL and Kafka'];

function pdfJob(): ExtractJob {
  return {
    kind: 'pdf',
    bytes: makePdf(LINES),
    limits: { maxPages: 30, maxDecodedBytes: MAX_PDF_DECODED_BYTES, maxStreams: 1000, maxCompressionRatio: 200, minBombBytes: 1024 * 1024 },
  };
}

describe('createExtractPool', () => {
  it('refuses a job at once when every slot and queue place is taken, and runs the others', async () => {
    const pool = createExtractPool({ concurrency: 1, maxQueued: 1 });
    const [a, b, c] = [pool.run(pdfJob()), pool.run(pdfJob()), pool.run(pdfJob())];
    expect(pool.load()).toEqual({ running: 1, queued: 1 });
    expect(await c).toEqual({ error: 'busy' });
    for (const r of await Promise.all([a, b])) expect('text' in r && r.text).toContain('Alex Doe');
    expect(pool.load()).toEqual({ running: 0, queued: 0 });
  });

  it.runIf(process.platform === 'linux')('kills a child whose resident memory passes the cap', async () => {
    // A bare node process is resident well above 16 MiB, so the watchdog's first reading kills it.
    const pool = createExtractPool({ maxRssBytes: 16 * 1024 * 1024, rssPollMs: 5 });
    expect(await pool.run(pdfJob())).toEqual({ error: 'too_complex' });
  });

  it('kills a child past its wall-clock limit', async () => {
    const pool = createExtractPool({ timeoutMs: 1 });
    expect(await pool.run(pdfJob())).toEqual({ error: 'too_complex' });
  });
});

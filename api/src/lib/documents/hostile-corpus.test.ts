/**
 * Security suite: the generated hostile-document corpus (hostile-corpus.ts, 500+ documents)
 * through the real upload route of an in-process app. Every document must get a 4xx or be read
 * safely (a 200 with bounded text), each within 10 s, documents with a timing-free outcome must
 * get exactly that outcome, and the API process's resident memory may grow by at most 64 MiB
 * across the whole corpus (after a warm-up, measured after a GC). Two uploads run at once, as the
 * extraction pool on a 2-core machine does.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CV_UPLOADS_PER_USER } from '../../routes/cv.js';
import { createHarness, signUp, type Browser, type Harness } from '../../test/harness.js';
import { generateHostileCorpus, type HostileDoc } from './hostile-corpus.js';
import { MAX_TEXT_CHARS } from './index.js';
import { makePdf } from './test-fixtures.js';

const SEED = 15;
const MIB = 1024 * 1024;
const MAX_RSS_GROWTH_BYTES = 64 * MIB;
const MAX_DOC_MS = 10_000;
const CONCURRENCY = 2;
const USERS = 4;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory after two full GCs with a pause between, so V8 has returned what it freed. */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  gc();
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  return process.memoryUsage();
}

interface Outcome {
  id: string;
  status: number;
  code: string;
  ms: number;
  problem?: string;
}

describe('hostile document corpus through PUT /api/cv', () => {
  let h: Harness;
  let browsers: Browser[];

  beforeAll(async () => {
    h = await createHarness();
    browsers = [];
    for (let i = 0; i < USERS; i++) browsers.push((await signUp(h, 'corpus')).browser);
  }, 120_000);
  afterAll(() => h.close(), 120_000);

  async function send(browser: Browser, doc: HostileDoc, bytes: Uint8Array<ArrayBuffer>): Promise<Outcome> {
    const form = new FormData();
    form.append('file', new File([bytes], doc.fileName));
    const started = performance.now();
    let res: Response;
    try {
      res = await browser.request('PUT', '/api/cv', form);
    } catch (error) {
      // The harness's contract check throws on an undeclared status (a 500, say): record it, go on.
      return { id: doc.id, status: 0, code: 'threw', ms: Math.round(performance.now() - started), problem: error instanceof Error ? error.message : String(error) };
    }
    const body = (await res.json()) as { error?: { code: string }; cv?: { text: unknown } };
    const ms = Math.round(performance.now() - started);
    const outcome: Outcome = { id: doc.id, status: res.status, code: body.error?.code ?? 'ok', ms };
    const safe = res.status === 200 ? typeof body.cv?.text === 'string' && body.cv.text.length <= MAX_TEXT_CHARS : res.status >= 400 && res.status < 500;
    if (!safe) outcome.problem = 'neither a 4xx nor a safely read document';
    else if (doc.expect && !doc.expect.includes(res.status)) outcome.problem = `expected ${doc.expect.join(' or ')}`;
    else if (ms > MAX_DOC_MS) outcome.problem = `took ${ms} ms`;
    return outcome;
  }

  /**
   * Sends `docs` CONCURRENCY at a time, spread over the users; after each user has used up the
   * per-user upload window, the app's clock moves to the next window (the rate limit is tested on
   * its own in upload-bombs.test.ts).
   */
  async function sendAll(docs: HostileDoc[], built: Map<HostileDoc, Uint8Array<ArrayBuffer>>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const perWindow = USERS * CV_UPLOADS_PER_USER.max;
    for (let from = 0; from < docs.length; from += perWindow) {
      const batch = docs.slice(from, from + perWindow);
      let next = 0;
      const lane = async () => {
        while (next < batch.length) {
          const i = next++;
          const doc = batch[i]!;
          outcomes.push(await send(browsers[i % USERS]!, doc, built.get(doc) ?? (doc.build() as Uint8Array<ArrayBuffer>)));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
      h.clock.offsetMs += CV_UPLOADS_PER_USER.windowMs;
    }
    return outcomes;
  }

  it('answers 500+ hostile documents with a 4xx or a safe read, each within 10 s, without growing the API by more than 64 MiB', async () => {
    const corpus = generateHostileCorpus(SEED);
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    // Warm-up: one document of each category loads every code path before the baseline.
    const seen = new Set<string>();
    const warmUp = corpus.filter((d) => !seen.has(d.category) && seen.add(d.category));
    await sendAll(warmUp, new Map());
    // Built before the baseline and held throughout (about 80 MB), so building them (big strings,
    // compression) is not counted as the API's growth; what the API allocates per upload is.
    const built = new Map(corpus.map((d) => [d, d.build() as Uint8Array<ArrayBuffer>]));
    const before = await settledMemory();

    const outcomes = await sendAll(corpus, built);

    const after = await settledMemory();
    built.clear();
    const growth = after.rss - before.rss;
    const statuses: Record<number, number> = {};
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `hostile corpus: ${outcomes.length} documents, statuses ${JSON.stringify(statuses)}, slowest ${slowest.id} ${slowest.ms} ms, API RSS growth ${(growth / MIB).toFixed(1)} MiB ` +
        `(heap ${((after.heapUsed - before.heapUsed) / MIB).toFixed(1)}, external ${((after.external - before.external) / MIB).toFixed(1)} MiB)`,
    );
    expect(outcomes).toHaveLength(corpus.length);
    expect(outcomes.filter((o) => o.problem)).toEqual([]);
    expect(growth).toBeLessThan(MAX_RSS_GROWTH_BYTES);

    // And the API still serves: health answers and an ordinary CV is read.
    expect((await browsers[0]!.get('/api/health')).status).toBe(200);
    const form = new FormData();
    form.append('file', new File([makePdf(['Jordan Example, Site Reliability Engineer', 'Kubernetes and Go']).slice()], 'cv.pdf'));
    const res = await browsers[0]!.request('PUT', '/api/cv', form);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cv: { text: string } }).cv.text).toContain('Kubernetes');
  }, 420_000);
});

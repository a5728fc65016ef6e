/**
 * Issue 15, findings 1 and 2, through the real upload route: the outside probe's PDF and DOCX
 * bombs must be refused quickly without moving the API process's memory, and file uploads are
 * rate-limited per user.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CV_UPLOADS_PER_USER } from '../../routes/cv.js';
import { createHarness, signUp, type Browser, type Harness } from '../../test/harness.js';
import { makeDocx, makeFlateBombPdf, makeLyingDocx, makePdf } from './test-fixtures.js';

const MIB = 1024 * 1024;
/** A fresh database with migrations takes seconds on a loaded machine. */
const HOOK_TIMEOUT_MS = 120_000;
const LINES = ['Alex Doe, Backend Engineer', 'Skills: TypeScript (Node.js), PostgreSQL and Kafka'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function upload(browser: Browser, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new File([bytes.slice()], name));
  return browser.request('PUT', '/api/cv', form);
}

/** Runs `work` and reports the API process's resident memory growth: the peak seen while it ran, and what stays after a GC. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; kept: number; ms: number }> {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    gc();
    return { result, peak: peak - before, kept: process.memoryUsage().rss - before, ms };
  } finally {
    clearInterval(sampler);
  }
}

describe('PUT /api/cv with decompression bombs', () => {
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    h = await createHarness();
    ({ browser } = await signUp(h));
    // Warm-up: the route, the database and the extraction path for both kinds.
    expect((await upload(browser, makePdf(LINES), 'warm.pdf')).status).toBe(200);
    expect((await upload(browser, makeDocx(LINES), 'warm.docx')).status).toBe(200);
  }, HOOK_TIMEOUT_MS);
  afterAll(() => h.close(), HOOK_TIMEOUT_MS);

  it('refuses a 400 KB PDF whose Flate stream expands to 400 MB, fast and without growing the API', async () => {
    const bomb = makeFlateBombPdf(400, LINES);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const { result: res, peak, kept, ms } = await rssGrowth(() => upload(browser, bomb, 'cv.pdf'));
    expect(peak).toBeLessThan(64 * MIB);
    expect(kept).toBeLessThan(64 * MIB);
    expect(ms).toBeLessThan(10_000);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
  });

  it('refuses a DOCX whose document.xml claims 4 KiB but inflates to 300 MB, counting the real bytes', async () => {
    const bomb = makeLyingDocx(300, 4096, LINES);
    const { result: res, peak, kept, ms } = await rssGrowth(() => upload(browser, bomb, 'cv.docx'));
    expect(peak).toBeLessThan(64 * MIB);
    expect(kept).toBeLessThan(64 * MIB);
    expect(ms).toBeLessThan(10_000);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toMatch(/expands to far more data than a CV/);
  });

  it('still reads an ordinary CV after the bombs', async () => {
    const res = await upload(browser, makeDocx(LINES), 'cv.docx');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cv: { text: string } }).cv.text).toContain('PostgreSQL');
  });
});

describe('PUT /api/cv with NUL and control characters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  }, HOOK_TIMEOUT_MS);
  afterAll(() => h.close(), HOOK_TIMEOUT_MS);

  it('stores a file whose name holds NUL and bidi-override characters under a cleaned name', async () => {
    const { browser } = await signUp(h);
    const res = await upload(browser, makePdf(LINES), 'cv\u202etxt.pdf\u0000.exe');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cv: { fileName: string } }).cv.fileName).toBe('cvtxt.pdf.exe');
  });

  it('stores pasted text and a file name holding NUL characters without them', async () => {
    const { browser } = await signUp(h);
    const res = await browser.request('PUT', '/api/cv', { text: `${LINES[0]}\u0000\n${LINES[1]}`, fileName: 'a\u0000b.txt' });
    expect(res.status).toBe(200);
    const { cv } = (await res.json()) as { cv: { text: string; fileName: string } };
    expect(cv.text).toBe(`${LINES[0]}\n${LINES[1]}`);
    expect(cv.fileName).toBe('ab.txt');
  });
});

describe('PUT /api/cv upload rate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  }, HOOK_TIMEOUT_MS);
  afterAll(() => h.close(), HOOK_TIMEOUT_MS);

  it('answers 429 with a clear message past the per-user upload limit, for that user only and until the window ends', async () => {
    const { browser } = await signUp(h);
    const cv = new TextEncoder().encode(`${LINES.join('\n')}\n`);
    for (let i = 0; i < CV_UPLOADS_PER_USER.max; i++) expect((await upload(browser, cv, 'cv.txt')).status).toBe(200);
    const limited = await upload(browser, cv, 'cv.txt');
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Too many CV uploads/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Pasting text costs no extraction and stays open; another user is not affected.
    expect((await browser.request('PUT', '/api/cv', { text: LINES.join('\n') })).status).toBe(200);
    const other = await signUp(h);
    expect((await upload(other.browser, cv, 'cv.txt')).status).toBe(200);
    h.clock.offsetMs += CV_UPLOADS_PER_USER.windowMs;
    expect((await upload(browser, cv, 'cv.txt')).status).toBe(200);
  });
});

/**
 * Usage: pnpm --filter @mockroom/api exec node --expose-gc --import tsx src/lib/documents/measure-bombs.ts <pdf400|pdf1024|docx300>
 *
 * Replays the outside probe's upload bombs (issue 15, findings 1 and 2) through the real CV route
 * of an in-process app over in-memory PGlite, and prints the status, the time, and the API
 * process's resident memory before, at its peak (VmHWM) and after. One bomb per run, so the peak
 * belongs to that bomb alone.
 */
import { readFileSync } from 'node:fs';
import { createHarness, signUp } from '../../test/harness.js';
import { makeFlateBombPdf, makeLyingDocx, makePdf } from './test-fixtures.js';

const MB = 1024 * 1024;
const LINES = ['Alex Doe, Backend Engineer', 'Skills: TypeScript (Node.js), PostgreSQL and Kafka'];

function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const which = process.argv[2] ?? 'pdf400';
const bombs: Record<string, () => { bytes: Uint8Array; name: string }> = {
  pdf400: () => ({ bytes: makeFlateBombPdf(400, LINES), name: 'cv.pdf' }),
  pdf1024: () => ({ bytes: makeFlateBombPdf(1024, LINES), name: 'cv.pdf' }),
  docx300: () => ({ bytes: makeLyingDocx(300, 4096, LINES), name: 'cv.docx' }),
};
const build = bombs[which];
if (!build) throw new Error(`unknown bomb ${which}; one of ${Object.keys(bombs).join(', ')}`);

const h = await createHarness();
const { browser } = await signUp(h);
const upload = (bytes: Uint8Array, name: string) => {
  const form = new FormData();
  form.append('file', new File([bytes.slice()], name));
  return browser.request('PUT', '/api/cv', form);
};
// Warm-up: one ordinary upload of each kind loads every code path the bomb will take.
await upload(makePdf(LINES), 'warm.pdf');
const { bytes, name } = build();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().rss;
const peakBefore = peakRss();
const started = performance.now();
const res = await upload(bytes, name);
const ms = Math.round(performance.now() - started);
const body = (await res.json()) as { error?: { code: string } };
const peak = peakRss();
gc?.();
const after = process.memoryUsage().rss;
console.log(
  JSON.stringify({
    bomb: which,
    uploadKiB: Math.round(bytes.length / 1024),
    status: res.status,
    code: body.error?.code ?? 'ok',
    ms,
    rssBeforeMiB: Math.round(before / MB),
    rssPeakMiB: Math.round(Math.max(peak, peakBefore) / MB),
    peakRaisedBy: peak > peakBefore ? 'this upload' : 'earlier work',
    rssAfterMiB: Math.round(after / MB),
  }),
);
await h.close();
process.exit(0);

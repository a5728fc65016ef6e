/**
 * Fixtures for the browser end-to-end test, made at test time: the candidate's spoken answer (Flite,
 * then sox to the 48 kHz mono 16-bit WAV Chromium's fake microphone reads), and the built web app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/stack.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', 'artifacts');

export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Fails loudly (never skips) when a system tool the test needs is missing. */
export function requireTools(): void {
  const missing = [CHROMIUM_PATH, '/usr/bin/flite', '/usr/bin/sox'].filter((p) => !existsSync(p));
  if (missing.length) throw new FixtureError(`missing system tools: ${missing.join(', ')} — run the set-up script`);
}

/**
 * Speaks `text` with Flite's "slt" voice (the clearest for PocketSphinx) and pads it with silence.
 * Chromium loops the file, so the leading pause lets the recruiter finish its greeting before the
 * candidate speaks, and the trailing pause lets the turn end and the recruiter answer.
 */
export function makeSpeechWav(dir: string, name: string, text: string, opts: { leadSeconds: number; tailSeconds: number }): string {
  mkdirSync(dir, { recursive: true });
  const raw = join(dir, `${name}-raw.wav`);
  const out = join(dir, `${name}.wav`);
  execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', raw], { stdio: 'pipe' });
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', out, 'pad', String(opts.leadSeconds), String(opts.tailSeconds)], {
    stdio: 'pipe',
  });
  return out;
}

/** Builds web/dist, which the API serves, so the test drives the same files a user gets. */
export function buildWeb(): void {
  const vite = join(REPO_ROOT, 'web', 'node_modules', 'vite', 'bin', 'vite.js');
  // NODE_ENV=production: vitest sets NODE_ENV=test, which would give React's development build
  // (effects run twice, extra warnings) instead of the files a user gets.
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: join(REPO_ROOT, 'web'),
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'index.html'))) throw new FixtureError('web build produced no index.html');
}

/**
 * Debian's Chromium, headless, with a fake microphone that plays `micWav` (48 kHz mono) and no background
 * networking (nothing may leave loopback).
 */
export function launchChromium(micWav: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
}

/** A fresh context (a fresh profile: no cookies) with the microphone allowed, and one page whose console lands in `log`. */
export async function openPage(browser: Browser, log: string[], opts: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP: the accessibility audit injects axe-core as a script tag, which the app's CSP (script-src 'self') would refuse.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['microphone'], bypassCSP: opts.bypassCSP === true });
  const page = await context.newPage();
  page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  return { context, page };
}

/** Viewports every page is checked at: a desktop, a phone (390×844) and a tablet (768×1024). */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core from node_modules (nothing is downloaded), injected into the page as a script tag. */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core's WCAG 2.0–2.2 A and AA rules on the page and returns the serious and critical
 * violations, each with the selectors of the elements at fault. Needs a context opened with bypassCSP.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** How far the page is wider than the viewport (0 when nothing overflows sideways), and the widest element that does. */
export async function horizontalOverflow(page: Page): Promise<{ overflowPx: number; culprit: string | null }> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const overflowPx = Math.max(0, scroller.scrollWidth - window.innerWidth);
    let culprit: string | null = null;
    if (overflowPx > 0) {
      let widest = window.innerWidth;
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const right = el.getBoundingClientRect().right;
        if (right > widest) {
          widest = right;
          culprit = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : ''}`;
        }
      }
    }
    return { overflowPx, culprit };
  });
}

/**
 * Fixtures for the browser end-to-end test, made at test time: the candidate's spoken answer (Flite,
 * then sox to the 48 kHz mono 16-bit WAV Chromium's fake microphone reads), and the built web app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: join(REPO_ROOT, 'web'), stdio: 'pipe' });
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
export async function openPage(browser: Browser, log: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['microphone'] });
  const page = await context.newPage();
  page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  return { context, page };
}

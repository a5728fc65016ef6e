/**
 * One browser suite's set-up, shared by the browser tests: a temporary folder, the fake microphone's
 * file (a spoken answer or silence), the built web app, the real stack (livekit-server, the API serving
 * web/dist, the agent worker unless turned off), headless Chromium and one page whose console is kept;
 * all of it torn down after the suite. Failures come back with a screenshot, the page's console and
 * the servers' log tails, so a red run in CI says what the browser and the agent saw.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack, type StackOptions } from '../helpers/stack.js';
import { ARTIFACTS_DIR, buildWeb, launchChromium, makeSpeechWav, openPage, requireTools } from './fixtures.js';

export interface BrowserSuiteOptions {
  /** Names the temporary folder and the failure screenshots. */
  name: string;
  /** What Chromium's fake microphone plays (looped): a Flite-spoken answer, or silence for typed answers. */
  mic: { speech: string; leadSeconds: number; tailSeconds: number } | { silenceSeconds: number };
  stack?: StackOptions;
  /** For the accessibility audit, which injects axe-core as a script tag the app's CSP would refuse. */
  bypassCSP?: boolean;
}

export interface BrowserSuite {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly workDir: string;
  readonly pageLog: string[];
  /** The page's console and the servers' log tails. */
  diagnostics(): string;
  /** Runs `fn`; a failure saves `e2e-<name>-<shot>-failure.png` and is rethrown with the diagnostics. */
  step(shot: string, fn: () => Promise<void>): Promise<void>;
  /** The API as the signed-in page (its cookies), same-origin for the CSRF check; throws on a non-2xx answer. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Registers the suite's beforeAll/afterAll in the calling `describe`; the fields are set once beforeAll has run. */
export function useBrowserSuite(opts: BrowserSuiteOptions): BrowserSuite {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let workDir: string | undefined;
  const pageLog: string[] = [];
  const ready = <T,>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browser suite ${opts.name}: ${what} is not set up (its beforeAll failed or has not run)`);
    return value;
  };

  beforeAll(async () => {
    requireTools();
    workDir = mkdtempSync(join(tmpdir(), `mockroom-e2e-${opts.name}-`));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    let mic: string;
    if ('speech' in opts.mic) {
      mic = makeSpeechWav(workDir, 'candidate', opts.mic.speech, { leadSeconds: opts.mic.leadSeconds, tailSeconds: opts.mic.tailSeconds });
    } else {
      // 48 kHz mono 16-bit, what Chromium's fake capture reads.
      mic = join(workDir, 'silence.wav');
      execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', mic, 'trim', '0', String(opts.mic.silenceSeconds)], { stdio: 'pipe' });
    }
    buildWeb();
    stack = await startStack(opts.stack ?? {});
    browser = await launchChromium(mic);
    ({ context, page } = await openPage(browser, pageLog, { bypassCSP: opts.bypassCSP === true }));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const suite: BrowserSuite = {
    get stack() {
      return ready(stack, 'the stack');
    },
    get browser() {
      return ready(browser, 'the browser');
    },
    get context() {
      return ready(context, 'the browser context');
    },
    get page() {
      return ready(page, 'the page');
    },
    get workDir() {
      return ready(workDir, 'the work folder');
    },
    pageLog,
    diagnostics() {
      const parts = [`--- page console (last 40) ---\n${pageLog.slice(-40).join('\n')}`];
      if (stack) {
        parts.push(`--- agent log (tail) ---\n${stack.logs('agent').slice(-4000)}`);
        parts.push(`--- api log (tail) ---\n${stack.logs('api').slice(-2000)}`);
      }
      return parts.join('\n');
    },
    async step(shot, fn) {
      try {
        await fn();
      } catch (err) {
        await page?.screenshot({ path: join(ARTIFACTS_DIR, `e2e-${opts.name}-${shot}-failure.png`), fullPage: true }).catch(() => undefined);
        throw new Error(`${shot}: ${err instanceof Error ? err.message : String(err)}\n${suite.diagnostics()}`, { cause: err });
      }
    },
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const base = suite.stack.apiUrl;
      const res = await suite.page.request.fetch(`${base}${path}`, {
        method,
        headers: { origin: base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
  return suite;
}

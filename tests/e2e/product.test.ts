/**
 * The web client as a product (issue 17), in headless Chromium against the real stack on the offline
 * providers: the landing page a signed-out visitor sees, a server's refusal shown beside the field it
 * is about, the limits counted before submit, a session ended on another device, and every page —
 * the call included, in one short call — audited with axe-core (WCAG 2.0–2.2 A/AA, nothing serious or
 * critical) and checked for sideways overflow at a desktop, a phone (390×844) and a tablet (768×1024)
 * size, with a screenshot of each page at the phone and tablet sizes in tests/artifacts/product/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { INPUT_LIMITS } from '@mockroom/core/input-rules';
import { startStack, type Stack } from '../helpers/stack.js';
import { ARTIFACTS_DIR, buildWeb, horizontalOverflow, launchChromium, openPage, requireTools, seriousAxeViolations, VIEWPORTS } from './fixtures.js';

const PASSWORD = 'correct horse battery staple 42';
const JOB_DESCRIPTION = ['Acme Robotics is hiring a backend engineer.', 'Requirements:', '- TypeScript and Node.js', '- PostgreSQL'].join('\n');
const CV_TEXT = ['Ada Candidate, Backend Engineer', 'Five years building payment services in TypeScript and Node.js with PostgreSQL.'].join('\n');
/** Generous: the recruiter's job process starts on a loaded two-core CI machine. */
const LIVE_MS = 90_000;
const REPLY_MS = 60_000;
const REPORT_MS = 90_000;
const SHOTS_DIR = join(ARTIFACTS_DIR, 'product');

describe('the web client as a product (offline stack, headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const pageLog: string[] = [];
  const email = `ada-${Date.now()}@example.test`;
  /** Every page audited, so the last test can say none was missed. */
  const audited = new Set<string>();
  let applicationId = '';
  let interviewId = '';

  beforeAll(async () => {
    requireTools();
    workDir = mkdtempSync(join(tmpdir(), 'mockroom-e2e-product-'));
    mkdirSync(SHOTS_DIR, { recursive: true });
    // A silent microphone: the one call here is answered by typing.
    const silence = join(workDir, 'silence.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', silence, 'trim', '0', '5'], { stdio: 'pipe' });
    buildWeb();
    stack = await startStack();
    browser = await launchChromium(silence);
    ({ page } = await openPage(browser, pageLog, { bypassCSP: true }));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** Fails with the page's console and the agent's log, so a failure says what the browser saw. */
  async function step(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `e2e-product-${name}-failure.png`), fullPage: true }).catch(() => undefined);
      throw new Error(
        `${name}: ${err instanceof Error ? err.message : String(err)}\n--- page console ---\n${pageLog.slice(-30).join('\n')}\n--- agent log ---\n${stack.logs('agent').slice(-3000)}`,
        { cause: err },
      );
    }
  }

  /** The page's h1 once it has rendered (the app moves focus to it on every navigation). */
  async function heading(): Promise<string> {
    return (await page.getByRole('heading', { level: 1 }).first().textContent({ timeout: 15_000 })) ?? '';
  }

  /**
   * axe-core and the overflow check at each viewport size; a screenshot at the phone and tablet sizes.
   * Every problem found is listed in the failure, not only the first.
   */
  async function audit(name: string, on: Page = page): Promise<void> {
    const page = on;
    const problems: string[] = [];
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      // Let layout settle at the new size (two frames), without a fixed sleep.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const v of await seriousAxeViolations(page)) problems.push(`${name} @${vp.name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(', ')}`);
      const { overflowPx, culprit } = await horizontalOverflow(page);
      if (overflowPx > 0) problems.push(`${name} @${vp.name}: ${overflowPx}px wider than the viewport (widest: ${culprit})`);
      if (vp.name !== 'desktop') await page.screenshot({ path: join(SHOTS_DIR, `${name}-${vp.name}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
    audited.add(name);
    expect(problems).toEqual([]);
  }

  async function go(hash: string): Promise<void> {
    await page.goto(`${stack.apiUrl}/${hash}`);
  }

  it('shows a signed-out visitor what Mockroom is, with sign-up and sign-in, and audits the public pages', async () => {
    await step('landing', async () => {
      await go('#/');
      const landing = page.getByTestId('landing');
      await landing.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await heading()).toMatch(/AI recruiter/);
      const text = (await landing.textContent()) ?? '';
      expect(text).toMatch(/recruiter is an AI/i);
      expect(text).toMatch(/audio is not stored/i);
      expect(text).toMatch(/runs offline/i);
      // The audit can fail: an image without a text alternative, added for a moment, is reported as critical.
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.id = 'axe-probe';
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.getElementById('main')?.append(img);
      });
      expect((await seriousAxeViolations(page)).map((v) => v.id)).toContain('image-alt');
      await page.evaluate(() => document.getElementById('axe-probe')?.remove());
      await audit('landing');
      await page.getByRole('link', { name: 'Create a free account' }).click();
      await page.waitForURL(/#\/signup$/);
      expect(await heading()).toBe('Create your account');
      await audit('signup');
      await go('#/');
      await page.getByTestId('landing').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/#\/signin$/);
      expect(await heading()).toBe('Sign in');
      await audit('signin');
      for (const [hash, name, title] of [
        ['#/forgot-password', 'forgot-password', 'Reset your password'],
        ['#/reset-password?token=abc', 'reset-password', 'Choose a new password'],
        ['#/verify-email', 'verify-email', 'Verify your email'],
      ] as const) {
        await go(hash);
        expect(await heading()).toBe(title);
        await audit(name);
      }
    });
  });

  it('shows the server’s refusal of a field beside that field, in a sentence', async () => {
    await step('field-error', async () => {
      await go('#/signup');
      await page.getByLabel('Name').fill('Ada Candidate');
      // The browser's own email check is off (noValidate): this address reaches the API, which refuses it.
      await page.getByLabel('Email').fill('ada@');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel('I am 16 or older').check();
      await page.getByRole('button', { name: 'Sign up' }).click();
      const emailField = page.getByLabel('Email');
      await expect.poll(() => emailField.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      // The sentence is the field's description, so a screen reader reads it with the field.
      const describedBy = (await emailField.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
      expect(errorId).toBeTruthy();
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Enter an email address like name@example.com.');
      expect(await page.locator('body').textContent()).not.toMatch(/Too small|expected string|invalid_input/);
      await audit('signup-with-error');

      await emailField.fill(email);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect.poll(heading, { timeout: 15_000 }).toContain('Hello, Ada Candidate');
      await audit('dashboard-empty');
    });
  });

  it('counts the job description against its limit before submitting, and saves a corrected CV text', async () => {
    await step('application', async () => {
      await page.getByRole('link', { name: 'New application' }).first().click();
      await page.waitForURL(/#\/applications\/new$/);
      await page.getByLabel('Company').fill('Acme Robotics');
      await page.getByLabel('Role').fill('Backend Engineer');
      // The company field takes what the API takes: its limit, no more.
      expect(await page.getByLabel('Company').getAttribute('maxlength')).toBe(String(INPUT_LIMITS.company));
      const jd = page.getByLabel('Job description');
      await jd.fill('x'.repeat(INPUT_LIMITS.jobDescription + 1));
      await expect.poll(() => page.locator('.counter-over').textContent()).toBe('20,001 / 20,000 characters');
      let sent = 0;
      const countPosts = (req: { method(): string; url(): string }) => {
        if (req.method() === 'POST' && req.url().endsWith('/api/applications')) sent++;
      };
      page.on('request', countPosts);
      await page.getByRole('button', { name: 'Save application' }).click();
      await expect.poll(() => jd.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.field-invalid .field-error').textContent()).toBe('Keep the job description to 20,000 characters or fewer (it has 20,001).');
      expect(sent).toBe(0);
      page.off('request', countPosts);
      await audit('application-new-with-error');

      await jd.fill(JOB_DESCRIPTION);
      await page.getByLabel('Paste text').check();
      await page.getByLabel('CV text', { exact: true }).fill(CV_TEXT);
      await page.getByRole('button', { name: 'Save CV' }).click();
      const extracted = page.getByLabel('Extracted CV text');
      await expect.poll(() => extracted.inputValue(), { timeout: 15_000 }).toContain('payment services');
      await extracted.fill(`${CV_TEXT}\nLed a team of four.`);
      await page.getByRole('button', { name: 'Save corrections' }).click();
      await page.getByText('Your corrections to the CV text are saved.').waitFor({ timeout: 15_000 });
      const stored = await page.evaluate(async () => ((await (await fetch('/api/cv')).json()) as { cv: { text: string } }).cv.text);
      expect(stored).toContain('Led a team of four.');

      await page.getByRole('button', { name: 'Save application' }).click();
      // Saved: the editor moves from #/applications/new to the application's own address.
      await page.waitForURL(/#\/applications\/(?!new$)[^/]+$/, { timeout: 15_000 });
      applicationId = decodeURIComponent(/#\/applications\/([^/]+)$/.exec(page.url())![1]!);
      await page.getByRole('heading', { name: 'Fit analysis' }).waitFor({ timeout: 15_000 });
      await audit('application-edit');
    });
  });

  it('audits the pre-call page, a short call, its report and the review pages', async () => {
    await step('call', async () => {
      await go(`#/applications/${encodeURIComponent(applicationId)}/start`);
      expect(await heading()).toBeTruthy();
      await audit('precall-before-mic');
      const allow = page.getByRole('button', { name: 'Allow microphone' });
      if (await allow.isVisible().catch(() => false)) await allow.click();
      await page.getByLabel('Input device').waitFor({ state: 'visible', timeout: 15_000 });
      await audit('precall');
      await page.getByLabel('Interview length').selectOption('5');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.waitForURL(/#\/interviews\/[^/]+\/call$/, { timeout: 15_000 });
      interviewId = decodeURIComponent(/#\/interviews\/([^/]+)\/call/.exec(page.url())![1]!);

      await expect.poll(() => page.getByTestId('call-phase').getAttribute('data-phase'), { timeout: LIVE_MS, interval: 500 }).toBe('live');
      const recruiterLines = page.locator('[data-testid="captions"] [data-speaker="recruiter"] .caption-text');
      await expect.poll(() => recruiterLines.count(), { timeout: REPLY_MS, interval: 500 }).toBeGreaterThan(0);
      // The call's state and the captions are live regions: a screen reader hears them as they change.
      expect(await page.getByTestId('call-phase').getAttribute('role')).toBe('status');
      expect(await page.getByTestId('captions').getAttribute('aria-live')).toBe('polite');
      await audit('call-live');

      // Keyboard only: the typed answer is reached and sent without the mouse.
      const before = await recruiterLines.count();
      await page.getByLabel('Type an answer').focus();
      await page.keyboard.type('I led the migration of our billing service to PostgreSQL.');
      await page.keyboard.press('Enter');
      await expect.poll(() => recruiterLines.count(), { timeout: REPLY_MS, interval: 500 }).toBeGreaterThan(before);

      await page.getByRole('button', { name: 'End call' }).click();
      await page.waitForURL(/#\/interviews\/[^/]+\/report$/, { timeout: 15_000 });
      await expect
        .poll(() => page.getByTestId('report-status').first().getAttribute('data-status'), { timeout: REPORT_MS, interval: 1000 })
        .toMatch(/^(ready|incomplete)$/);
      await page.getByTestId('transcript').waitFor({ timeout: 15_000 });
      // The heading names the job and the date, and the transcript runs in the order it was said.
      // The heading names the job once the application has loaded (the page shows "Interview report" until then).
      await expect.poll(() => heading(), { timeout: 15_000 }).toContain('Backend Engineer at Acme Robotics');
      const starts = await page.locator('[data-testid="transcript"] [data-started-at]').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('data-started-at') ?? '')));
      expect(starts.length).toBeGreaterThan(1);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      expect(await page.getByRole('button', { name: 'Download PDF' }).count()).toBe(1);
      await audit('report');

      // The review pages: the candidate invites a reviewer from the report; the reviewer's invitation,
      // workspace and inbox are audited in a browser of their own.
      page.once('dialog', (d) => void d.accept());
      await page.getByTestId('review-share').getByRole('button', { name: 'Create invitation link' }).click();
      const inviteUrl = (await page.getByTestId('invite-link').textContent({ timeout: 15_000 }))!;
      const reviewer = await openPage(browser, pageLog, { bypassCSP: true });
      try {
        await reviewer.page.goto(inviteUrl);
        const form = reviewer.page.getByRole('form', { name: 'Create a reviewer account' });
        await form.waitFor({ timeout: 15_000 });
        await audit('review-invite', reviewer.page);
        await form.getByLabel('Name').fill('Rita Reviewer');
        await form.getByLabel('Email').fill(`rita-${Date.now()}@example.test`);
        await form.getByLabel('Password').fill(PASSWORD);
        await form.getByLabel('I am 16 or').check();
        await form.getByRole('button', { name: 'Sign up and review' }).click();
        await reviewer.page.waitForURL(/#\/review\/interviews\//, { timeout: 15_000 });
        await reviewer.page.getByTestId('review-turn').first().waitFor({ timeout: 15_000 });
        await audit('review-interview', reviewer.page);
        await reviewer.page.goto(`${stack.apiUrl}/#/review`);
        await reviewer.page.getByTestId('review-assignments').waitFor({ timeout: 15_000 });
        await audit('review-inbox', reviewer.page);
      } finally {
        await reviewer.context.close();
      }

      // The ended call page: its notice and the way to the report.
      await go(`#/interviews/${encodeURIComponent(interviewId)}/call`);
      await expect.poll(() => page.getByTestId('call-phase').getAttribute('data-phase'), { timeout: LIVE_MS, interval: 500 }).toMatch(/^(ended|failed)$/);
      await audit('call-ended');
    });
  });

  it('audits the dashboard with history, the settings, the privacy, operator and voice stack pages and a missing page', async () => {
    await step('other-pages', async () => {
      await go('#/');
      await page.getByRole('heading', { name: 'Past interviews' }).waitFor({ timeout: 15_000 });
      await audit('dashboard');
      await go('#/settings');
      expect(await heading()).toBeTruthy();
      await audit('settings');
      await go('#/privacy');
      expect(await heading()).toBeTruthy();
      await audit('privacy');
      await go('#/operator');
      expect(await heading()).toBeTruthy();
      await audit('operator');
      await go('#/stacks');
      expect(await heading()).toBeTruthy();
      await audit('stacks');
      await go('#/progress');
      expect(await heading()).toBe('Progress');
      await audit('progress');
      await go('#/leaderboard');
      expect(await heading()).toBe('Weekly leaderboard');
      await audit('leaderboard');
      await go('#/no/such/page');
      expect(await heading()).toBe('Page not found');
      await audit('not-found');
    });
  });

  it('tells a person whose session ended elsewhere, and brings them back to their page after signing in', async () => {
    await step('session-ended', async () => {
      await go(`#/applications/${encodeURIComponent(applicationId)}`);
      await page.getByLabel('Company').waitFor({ timeout: 15_000 });
      // Another device signs out everywhere: this browser's session ends without it doing anything.
      const other = await browser.newContext();
      const res = await other.request.post(`${stack.apiUrl}/api/auth/signin`, { data: { email, password: PASSWORD }, headers: { origin: stack.apiUrl } });
      expect(res.status()).toBe(200);
      expect((await other.request.post(`${stack.apiUrl}/api/auth/signout-all`, { headers: { origin: stack.apiUrl } })).status()).toBe(204);
      await other.close();

      // The next thing the page asks the API for is refused: the app says why and offers the sign-in form.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForURL(/#\/signin$/, { timeout: 15_000 });
      const notice = page.getByTestId('signed-out-notice');
      await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('Your session has ended');
      expect(await page.locator('body').textContent()).not.toMatch(/sign in first/);
      await audit('signin-after-session-ended');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(heading, { timeout: 15_000 }).toContain('Hello, Ada Candidate');
    });
  });

  it('audited every page of the app', () => {
    for (const page of ['landing', 'signup', 'signin', 'forgot-password', 'reset-password', 'verify-email', 'dashboard', 'application-edit', 'precall', 'call-live', 'call-ended', 'report', 'review-invite', 'review-interview', 'review-inbox', 'settings', 'privacy', 'operator', 'stacks', 'progress', 'leaderboard', 'not-found']) {
      expect(audited, page).toContain(page);
    }
  });
});

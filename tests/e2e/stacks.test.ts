/**
 * A provider stack chosen for one interview, in a real browser against the real stack: the
 * candidate picks a non-default offline stack (PocketSphinx STT, the rule interviewer, Flite) on
 * the pre-call page, holds a short spoken call, and the report page shows that stack with its
 * stage latencies and cost; the agent ran the call on it, and the developer page compares it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './fixtures.js';
import { useBrowserSuite } from './suite.js';

/** Not the default (`offline`): the choice has to travel from the picker to the agent. */
const CHOSEN_STACK = 'offline-classic';
const CHOSEN_STACK_NAME = 'Offline classic';
const SPOKEN_ANSWER = 'I led a team that built a payment service, and I designed the database and the tests.';
const SPOKEN_KEYWORDS = ['team', 'payment', 'service', 'database', 'designed', 'tests'];

const AGENT_ARRIVAL_MS = 45_000;
const CANDIDATE_CAPTION_MS = 90_000;
const REPLY_MS = 45_000;
const PANEL_MS = 30_000;

async function captionsText(page: Page, speaker: 'candidate' | 'recruiter'): Promise<string> {
  return (await page.locator(`[data-testid="captions"] [data-speaker="${speaker}"] .caption-text`).allTextContents()).join(' ');
}

describe('a provider stack picked for one interview (offline stacks, headless Chromium)', () => {
  // INTERVIEW_STACKS unset: the offline stacks are offered, `offline` is the default.
  const suite = useBrowserSuite({ name: 'stacks', mic: { speech: SPOKEN_ANSWER, leadSeconds: 12, tailSeconds: 10 } });

  it("runs the call on the picked stack and shows that stack's stage latencies and cost on the report", async () => {
    await suite.step('call', runInterview);
  });

  async function runInterview(): Promise<void> {
    const { page, stack } = suite;
    // Account and application through the API (the browser context shares the session cookie):
    // their pages are the interview test's subject; this test's is the stack.
    const post = <T,>(path: string, data: unknown): Promise<T> => suite.api<T>('POST', path, data);
    await post('/api/auth/signup', { email: `grace-${Date.now()}@example.test`, displayName: 'Grace Candidate', password: 'correct horse battery staple 42' });
    const { application } = await post<{ application: { id: string } }>('/api/applications', {
      company: 'Acme Robotics',
      role: 'Backend Engineer',
      seniority: 'mid',
      interviewType: 'mixed',
      jobDescription: 'Acme is hiring a backend engineer.\nRequirements:\n- TypeScript and Node.js\n- PostgreSQL and database design',
    });

    // Pre-call: the picker offers the offline stacks with the default chosen; pick another one.
    await page.goto(`${stack.apiUrl}/#/applications/${application.id}/start`);
    const picker = page.getByLabel('Voice stack');
    await expect.poll(() => picker.inputValue(), { timeout: 15_000 }).toBe('offline');
    const offered = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(expect.arrayContaining(['offline', CHOSEN_STACK]));
    expect(offered).not.toContain('openai');
    await picker.selectOption(CHOSEN_STACK);
    await expect.poll(() => page.getByTestId('stack-description').textContent()).toContain('PocketSphinx');
    const allow = page.getByRole('button', { name: 'Allow microphone' });
    if (await allow.isVisible().catch(() => false)) await allow.click();
    await page.getByLabel('Input device').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByLabel('Interview length').selectOption('5');
    await page.getByRole('button', { name: 'Start interview' }).click();
    await page.waitForURL(/#\/interviews\/[^/]+\/call$/, { timeout: 15_000 });
    const interviewId = decodeURIComponent(/#\/interviews\/([^/]+)\/call/.exec(page.url())![1]!);

    // The stack is stored with the interview, and the agent ran the call on it.
    const stored = await page.request.get(`${stack.apiUrl}/api/interviews/${interviewId}`);
    expect(((await stored.json()) as { interview: { stack: string } }).interview.stack).toBe(CHOSEN_STACK);
    await expect
      .poll(() => page.getByTestId('call-phase').getAttribute('data-phase'), { timeout: AGENT_ARRIVAL_MS, interval: 500 })
      .toBe('live');
    await expect.poll(() => /"stack":"offline-classic"/.test(stack.logs('agent')), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => captionsText(page, 'recruiter'), { timeout: 45_000 }).not.toBe('');

    // A short spoken answer, recognised by the stack's STT, and the recruiter's reply to it.
    await expect
      .poll(async () => {
        const t = (await captionsText(page, 'candidate')).toLowerCase();
        return SPOKEN_KEYWORDS.filter((k) => t.includes(k)).length;
      }, { timeout: CANDIDATE_CAPTION_MS, interval: 1000 })
      .toBeGreaterThanOrEqual(2);
    const metricsOf = async () => {
      const res = await page.request.get(`${stack.apiUrl}/api/interviews/${interviewId}/metrics`);
      return (await res.json()) as { stages: { stage: string; n: number }[] };
    };
    // A reply to the spoken answer carries an STT stage: its metrics are stored.
    await expect
      .poll(async () => (await metricsOf()).stages.find((s) => s.stage === 'stt')?.n ?? 0, { timeout: REPLY_MS, interval: 1000 })
      .toBeGreaterThanOrEqual(1);

    // End the call; the report shows the stack, its stage latencies and its cost.
    await page.getByRole('button', { name: 'End call' }).click();
    await page.waitForURL(/#\/interviews\/[^/]+\/report$/, { timeout: 15_000 });
    const panel = page.getByTestId('interview-metrics');
    await panel.waitFor({ state: 'visible', timeout: PANEL_MS });
    expect(await panel.getAttribute('data-stack')).toBe(CHOSEN_STACK);
    expect(await page.getByTestId('metrics-stack').textContent()).toBe(CHOSEN_STACK_NAME);
    for (const stage of ['stt', 'tts', 'total']) {
      const row = panel.locator(`[data-testid="stage-latency"][data-stage="${stage}"]`);
      expect(Number(await row.getAttribute('data-n'))).toBeGreaterThanOrEqual(1);
      // A measured p50 in milliseconds, not a dash.
      expect(await row.locator('td').first().textContent()).toMatch(/^\d+ ms$/);
    }
    // Every provider of this stack runs on the server: no fee, priced as such.
    expect(await page.getByTestId('interview-cost').getAttribute('data-usd')).toBe('0');
    expect(await page.getByTestId('interview-cost').textContent()).toBe('$0.00');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'e2e-stacks-report.png'), fullPage: true });

    // The developer page lists the stack among this user's measured interviews.
    await page.getByRole('link', { name: 'Compare stacks' }).click();
    await page.waitForURL(/#\/stacks$/);
    const row = page.locator(`[data-testid="stack-comparison"] tr[data-stack="${CHOSEN_STACK}"]`);
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await row.locator('th').textContent()).toBe(CHOSEN_STACK_NAME);
  }
});

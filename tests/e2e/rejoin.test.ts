/**
 * A reload in the middle of a call, in a real browser (headless Debian Chromium, silent fake
 * microphone) against the real stack on the offline providers: the reloaded call page rejoins the
 * same interview, the recruiter welcomes the candidate back, and the report holds every turn once.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from './suite.js';

const ANSWER_1 = 'I fixed a bug.';
const ANSWER_2 = 'At my last job I led the migration of our billing service to PostgreSQL, which cut invoice errors by 40 percent.';
const LIVE_MS = 60_000;
const REPLY_MS = 60_000;

interface StoredTurn {
  turnId: string;
  speaker: 'candidate' | 'recruiter';
  text: string;
}
interface Detail {
  interview: { status: string; startedAt: string | null };
  turns: StoredTurn[];
}

async function recruiterCaptions(page: Page): Promise<string[]> {
  return page.locator('[data-testid="captions"] [data-speaker="recruiter"] .caption-text').allTextContents();
}

describe('reload mid-call (offline stack, headless Chromium)', () => {
  // A silent microphone: this test answers by typing, so nothing spoken may add turns.
  const suite = useBrowserSuite({ name: 'rejoin', mic: { silenceSeconds: 5 } });

  /** JSON from the API through the page, so the session cookie and same-origin headers are the browser's own. */
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return suite.page.evaluate(
      async ([m, p, b]) => {
        const res = await fetch(p as string, {
          method: m as string,
          credentials: 'include',
          headers: b === undefined ? {} : { 'content-type': 'application/json' },
          body: b === undefined ? undefined : JSON.stringify(b),
        });
        if (!res.ok) throw new Error(`${m as string} ${p as string} → ${res.status}`);
        return res.json();
      },
      [method, path, body] as const,
    ) as Promise<T>;
  }

  it('rejoins the same interview after a reload, is welcomed back, and the report has every turn once', async () => {
    const { page, stack } = suite;
    await suite.step('reload', async () => {
      await page.goto(`${stack.apiUrl}/#/signup`);
      await call('POST', '/api/auth/signup', { email: `grace-${Date.now()}@example.test`, displayName: 'Grace Candidate', password: 'correct horse battery staple 42' });
      const { application } = await call<{ application: { id: string } }>('POST', '/api/applications', {
        company: 'Acme Robotics',
        role: 'Backend Engineer',
        seniority: 'mid',
        interviewType: 'mixed',
        jobDescription: 'We are hiring a backend engineer.\nRequirements:\n- TypeScript and Node.js\n- PostgreSQL',
      });
      const { interview } = await call<{ interview: { id: string } }>('POST', '/api/interviews', { applicationId: application.id, timeBoxMinutes: 10 });
      const detail = () => call<Detail>('GET', `/api/interviews/${interview.id}`);

      // A fresh load of the call page (not a hash change on the sign-up page, whose own redirect after the
      // sign-up could race it to the dashboard): the app starts with the session cookie the sign-up set.
      await page.goto('about:blank');
      await page.goto(`${stack.apiUrl}/#/interviews/${encodeURIComponent(interview.id)}/call`);
      await expect.poll(() => page.getByTestId('call-phase').getAttribute('data-phase'), { timeout: LIVE_MS, interval: 500 }).toBe('live');
      await expect.poll(async () => (await recruiterCaptions(page)).length, { timeout: REPLY_MS, interval: 500 }).toBeGreaterThan(0);
      const before = (await recruiterCaptions(page)).length;
      await page.getByLabel('Type an answer').fill(ANSWER_1);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(async () => (await recruiterCaptions(page)).length, { timeout: REPLY_MS, interval: 500 }).toBeGreaterThan(before);
      await expect.poll(async () => (await detail()).turns.some((t) => t.text === ANSWER_1), { timeout: 30_000, interval: 1000 }).toBe(true);
      const startedAt = (await detail()).interview.startedAt;

      // The reload: the page leaves the room and joins again with a fresh token.
      const reloadedAt = Date.now();
      await page.reload();
      await expect.poll(() => page.getByTestId('call-phase').getAttribute('data-phase'), { timeout: LIVE_MS, interval: 500 }).toBe('live');
      await expect.poll(async () => (await recruiterCaptions(page)).join(' '), { timeout: REPLY_MS, interval: 500 }).toMatch(/Welcome back, Grace/);
      console.info(`e2e reload → welcome-back caption visible in ${Date.now() - reloadedAt} ms`);
      expect(await page.getByTestId('call-ended').count()).toBe(0);

      const seen = (await recruiterCaptions(page)).length;
      await page.getByLabel('Type an answer').fill(ANSWER_2);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(async () => (await recruiterCaptions(page)).length, { timeout: REPLY_MS, interval: 500 }).toBeGreaterThan(seen);
      await expect
        .poll(
          async () => {
            const { turns } = await detail();
            const at = turns.findIndex((t) => t.text === ANSWER_2);
            return at >= 0 && turns.slice(at + 1).some((t) => t.speaker === 'recruiter');
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBe(true);
      const mid = await detail();
      expect(mid.interview.status).toBe('live');
      expect(mid.interview.startedAt).toBe(startedAt);

      await page.getByRole('button', { name: 'End call' }).click();
      await page.waitForURL(/#\/interviews\/[^/]+\/report$/, { timeout: 15_000 });
      const { turns, interview: ended } = await detail();
      expect(ended.status).toBe('ended');
      expect(new Set(turns.map((t) => t.turnId)).size).toBe(turns.length);
      expect(turns.filter((t) => t.text === ANSWER_1)).toHaveLength(1);
      expect(turns.filter((t) => t.text === ANSWER_2)).toHaveLength(1);
      expect(turns.filter((t) => t.speaker === 'recruiter' && /Welcome back/.test(t.text))).toHaveLength(1);
      await expect.poll(() => page.getByTestId('transcript').textContent(), { timeout: 60_000, interval: 1000 }).toContain('billing service');
    });
  });
});

/**
 * Privacy promises in the browser (issue 16), headless Chromium against the real API serving the
 * built web app (no agent: no call is needed): sign up with the age box; delete an interview from the
 * dashboard and another from its report (after the dossier is shown), then an application with its
 * last interview from its page, each after a confirmation that says what goes and each gone from the
 * API at once; the privacy page from the configuration; request the account's deletion (signed out),
 * sign in during the grace period, see the date and keep the account.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Stack } from '../helpers/stack.js';
import { useBrowserSuite } from './suite.js';

const PASSWORD = 'correct horse battery staple 42';
const CV_TEXT = 'Priya Candidate, backend engineer. Built a ledger service in TypeScript and PostgreSQL.';

describe('privacy in the browser (deletions, privacy page, account deletion with grace)', () => {
  // No agent: no call is needed.
  const suite = useBrowserSuite({ name: 'privacy', mic: { silenceSeconds: 1 }, stack: { agent: false } });
  /** Every confirmation the app asked, accepted. */
  const dialogs: string[] = [];
  let page: Page;
  let stack: Stack;

  beforeAll(() => {
    ({ page, stack } = suite);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
  });

  const step = (name: string, fn: () => Promise<void>): Promise<void> => suite.step(name, fn);

  /** The API as the signed-in page (its cookies), same-origin for the CSRF check. */
  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await page.request.fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { origin: stack.apiUrl, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { data: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status(), json: text ? (JSON.parse(text) as unknown) : null };
  }

  async function heading(): Promise<string> {
    return (await page.getByRole('heading', { level: 1 }).first().textContent({ timeout: 15_000 })) ?? '';
  }

  const email = `priya-${Date.now()}@example.test`;
  let applicationId = '';
  const interviewIds: string[] = [];

  it('signs up (the age box is asked for) and deletes interviews and an application, each confirmed and gone at once', async () => {
    await step('signup', async () => {
      await page.goto(`${stack.apiUrl}/#/signup`);
      await page.getByLabel('Name').fill('Priya Candidate');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      // Without the box the form refuses, beside the box.
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect.poll(() => page.getByLabel('I am 16 or older').getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      await page.getByLabel('I am 16 or older').check();
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect.poll(heading, { timeout: 15_000 }).toContain('Hello, Priya Candidate');
    });

    await step('seed', async () => {
      expect((await call('PUT', '/api/cv', { text: CV_TEXT })).status).toBe(200);
      const app = await call('POST', '/api/applications', { company: 'Acme Ledger', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'TypeScript and PostgreSQL for a ledger.' });
      expect(app.status).toBe(201);
      applicationId = (app.json as { application: { id: string } }).application.id;
      for (let i = 0; i < 3; i++) {
        const iv = await call('POST', '/api/interviews', { applicationId });
        expect(iv.status).toBe(201);
        interviewIds.push((iv.json as { interview: { id: string } }).interview.id);
      }
    });

    await step('delete-from-dashboard', async () => {
      await page.goto(`${stack.apiUrl}/#/`);
      await page.reload();
      const deletes = page.getByRole('button', { name: 'Delete the interview for Backend Engineer at Acme Ledger' });
      await expect.poll(() => deletes.count(), { timeout: 15_000 }).toBe(3);
      await deletes.first().click();
      await expect.poll(() => deletes.count(), { timeout: 15_000 }).toBe(2);
      expect(dialogs.at(-1)).toMatch(/transcript, report, speech metrics and dossier/);
      const statuses = await Promise.all(interviewIds.map(async (id) => (await call('GET', `/api/interviews/${id}`)).status));
      expect(statuses.filter((s) => s === 404)).toHaveLength(1);
    });

    await step('delete-from-report', async () => {
      const remaining = [];
      for (const id of interviewIds) if ((await call('GET', `/api/interviews/${id}`)).status === 200) remaining.push(id);
      const target = remaining[0]!;
      await page.goto(`${stack.apiUrl}/#/interviews/${target}/report`);
      const dossier = page.getByTestId('dossier');
      await dossier.waitFor({ state: 'visible', timeout: 15_000 });
      await dossier.getByText('CV snapshot').click();
      await expect.poll(async () => (await dossier.textContent()) ?? '', { timeout: 15_000 }).toContain('Built a ledger service');
      await page.getByRole('button', { name: 'Delete the interview for Backend Engineer at Acme Ledger' }).click();
      await page.waitForURL(/#\/$/, { timeout: 15_000 });
      expect((await call('GET', `/api/interviews/${target}`)).status).toBe(404);
      expect((await call('GET', `/api/interviews/${target}/dossier`)).status).toBe(404);
    });

    await step('delete-application', async () => {
      const last = [];
      for (const id of interviewIds) if ((await call('GET', `/api/interviews/${id}`)).status === 200) last.push(id);
      expect(last).toHaveLength(1);
      await page.goto(`${stack.apiUrl}/#/applications/${applicationId}`);
      await page.getByRole('button', { name: 'Delete this application' }).click();
      await page.waitForURL(/#\/$/, { timeout: 15_000 });
      expect(dialogs.at(-1)).toMatch(/job description, its analysis and every interview/);
      expect((await call('GET', `/api/applications/${applicationId}`)).status).toBe(404);
      expect((await call('GET', `/api/interviews/${last[0]}`)).status).toBe(404);
      expect(((await call('GET', '/api/interviews')).json as { interviews: unknown[] }).interviews).toEqual([]);
    });
  });

  it('shows the privacy page from the running configuration', async () => {
    await step('privacy-page', async () => {
      await page.getByRole('link', { name: 'Privacy', exact: true }).click();
      await page.waitForURL(/#\/privacy$/);
      const processors = page.getByTestId('processors');
      await processors.waitFor({ state: 'visible', timeout: 15_000 });
      // The stack runs the offline providers: nothing leaves the server.
      expect(await processors.textContent()).toContain('Speech: processed on this server.');
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).toMatch(/Audio is never stored/);
      expect(body).toMatch(/not used to train models/);
      expect(body).toMatch(/at most 90 days/);
    });
  });

  it('requests the account’s deletion, signs in during the grace period, sees the date and keeps the account', async () => {
    await step('request-deletion', async () => {
      await page.goto(`${stack.apiUrl}/#/settings`);
      await page.getByLabel('Password to confirm deletion').fill(PASSWORD);
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain('#/settings');
      expect(dialogs.at(-1)).toMatch(/signed out everywhere now, and on \d{1,2} \w+ \d{4}/);
      // Signed out: the session no longer answers.
      expect((await call('GET', '/api/auth/me')).status).toBe(401);
    });

    await step('cancel-on-signin', async () => {
      await page.goto(`${stack.apiUrl}/#/signin`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const pending = page.getByTestId('deletion-pending');
      await pending.waitFor({ state: 'visible', timeout: 15_000 });
      const status = (await call('GET', '/api/me/deletion')).json as { scheduledFor: string };
      const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(status.scheduledFor));
      expect(await pending.textContent()).toContain(date);
      // Hidden meanwhile: the account's data is not served.
      expect((await call('GET', '/api/applications')).status).toBe(403);
      await page.getByRole('button', { name: 'Keep my account' }).click();
      await pending.waitFor({ state: 'detached', timeout: 15_000 });
      await page.goto(`${stack.apiUrl}/#/`);
      await expect.poll(heading, { timeout: 15_000 }).toContain('Hello, Priya Candidate');
      expect(((await call('GET', '/api/me/deletion')).json as { scheduledFor: string | null }).scheduledFor).toBeNull();
      expect((await call('GET', '/api/applications')).status).toBe(200);
    });
  });
});

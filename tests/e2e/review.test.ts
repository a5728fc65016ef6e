/**
 * The review workspace end to end (issue 18), in headless Chromium against the real API serving the
 * built web app: a candidate with a finished, scored interview shares it from their report; a
 * reviewer signs up through the invitation link, scores it blind, sees agreement, comments on a
 * turn and shares the comment back; the candidate sees it on the report; revoking removes the
 * reviewer's access at once. The interview is made through the API and the agent's turn endpoint
 * (no call, no agent worker: what is under test is the review, not the call).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CandidateClient } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait.js';
import { buildWeb, launchChromium, openPage, requireTools, seriousAxeViolations } from './fixtures.js';

const CANDIDATE_NAME = 'Ada Candidate';
const ANSWERS = [
  'Last year our payment queue stalled at night, so I added a Postgres advisory lock and an alert, and failures dropped by 40 percent.',
  'I led our move to TypeScript: I wrote the plan, paired with two juniors, and we shipped it in six weeks with no outage.',
];
const DIMENSIONS = ['clarity', 'structure', 'relevance', 'depth', 'impact', 'role'];

describe('review workspace (headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let workDir: string;
  const pageLog: string[] = [];
  let candidatePage: Page;
  let reviewerPage: Page;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    requireTools();
    workDir = mkdtempSync(join(tmpdir(), 'mockroom-e2e-review-'));
    const silence = join(workDir, 'silence.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', silence, 'trim', '0', '1'], { stdio: 'pipe' });
    buildWeb();
    stack = await startStack({ agent: false });
    browser = await launchChromium(silence);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** An ended interview with two answered questions, scored by the API's job runner. */
  async function finishedInterview(candidate: CandidateClient): Promise<string> {
    const interviewId = await candidate.createInterview();
    const { interview } = await candidate.ok<{ interview: { plan: { questions: { id: string; text: string }[] } } }>('GET', `/api/interviews/${interviewId}`);
    const start = Date.now() - 120_000;
    let sequence = 0;
    for (const [i, answer] of ANSWERS.entries()) {
      const q = interview.plan.questions[i]!;
      for (const [speaker, text] of [
        // The agent greets the candidate by name; the pseudonymised view must hide it.
        ['recruiter', i === 0 ? `Hi Ada, I'm an AI recruiter. ${q.text}` : q.text],
        ['candidate', answer],
      ] as const) {
        const at = start + sequence * 10_000;
        const res = await fetch(`${stack.apiUrl}/api/agent/interviews/${interviewId}/turns`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.agentToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ turnId: `t${sequence}`, sequence, speaker, text, questionId: q.id, startedAt: new Date(at).toISOString(), endedAt: new Date(at + 8_000).toISOString() }),
        });
        expect(res.status).toBeLessThan(300);
        sequence++;
      }
    }
    await candidate.ok('POST', `/api/interviews/${interviewId}/end`);
    await waitFor('the report', async () => ((await candidate.ok<{ status: string }>('GET', `/api/interviews/${interviewId}/report`)).status === 'ready' ? true : null), 60_000);
    return interviewId;
  }

  it('shares, reviews blind, shows agreement, shares a comment back, and revokes at once', async () => {
    try {
      const candidate = new CandidateClient(stack.apiUrl);
      await candidate.signUp(CANDIDATE_NAME);
      const interviewId = await finishedInterview(candidate);

      // The candidate, signed in with the same session, shares the interview from the report.
      const opened = await openPage(browser, pageLog, { bypassCSP: true });
      contexts.push(opened.context);
      candidatePage = opened.page;
      const eq = candidate.cookie.indexOf('=');
      const [name, value] = [candidate.cookie.slice(0, eq), candidate.cookie.slice(eq + 1)];
      await opened.context.addCookies([{ name, value, url: stack.apiUrl }]);
      candidatePage.on('dialog', (d) => void d.accept());
      await candidatePage.goto(`${stack.apiUrl}/#/interviews/${interviewId}/report`);
      const sharePanel = candidatePage.getByTestId('review-share');
      await sharePanel.getByRole('button', { name: 'Create invitation link' }).click();
      const inviteUrl = (await candidatePage.getByTestId('invite-link').textContent({ timeout: 15_000 }))!;
      expect(inviteUrl).toContain('/#/review/invite/');
      await expect.poll(() => candidatePage.getByTestId('share-list').textContent(), { timeout: 15_000 }).toContain('pending');
      // Accessibility (WCAG 2.0–2.2 A/AA, axe-core): nothing serious or critical on the pages this area adds.
      expect(await seriousAxeViolations(candidatePage)).toEqual([]);

      // The reviewer signs up through the invitation and lands in the workspace, under a pseudonym.
      const second = await openPage(browser, pageLog, { bypassCSP: true });
      contexts.push(second.context);
      reviewerPage = second.page;
      await reviewerPage.goto(inviteUrl);
      const signUp = reviewerPage.getByRole('form', { name: 'Create a reviewer account' });
      await signUp.waitFor({ timeout: 15_000 });
      expect(await seriousAxeViolations(reviewerPage)).toEqual([]);
      await signUp.getByLabel('Name').fill('Rita Reviewer');
      await signUp.getByLabel('Email').fill(`rita-${Date.now()}@example.test`);
      await signUp.getByLabel('Password').fill('correct horse battery staple 42');
      await signUp.getByLabel('I am 16 or over').check();
      await signUp.getByRole('button', { name: 'Sign up and review' }).click();
      await reviewerPage.waitForURL(/#\/review\/interviews\//, { timeout: 15_000 });
      const heading = reviewerPage.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toMatch(/^Review: Candidate [A-Z]{2}-\d{2}$/);
      const workspaceText = (await reviewerPage.locator('main').textContent())!;
      expect(workspaceText).not.toContain(CANDIDATE_NAME);
      expect(workspaceText).not.toMatch(/\bAda\b/);
      expect(workspaceText).toContain("Hi [candidate], I'm an AI recruiter.");
      expect(workspaceText).toContain(ANSWERS[0]);
      expect(await reviewerPage.getByTestId('review-turn').count()).toBe(4);
      // Blind: no agreement (and so no AI score) before submitting.
      expect(await reviewerPage.getByTestId('agreement').count()).toBe(0);

      // A comment on the candidate's first answer, marked as the STAR "action".
      const answerTurn = reviewerPage.locator('[data-testid="review-turn"][data-speaker="candidate"]').first();
      await answerTurn.getByRole('button', { name: 'Comment' }).click();
      const commentForm = answerTurn.getByRole('form', { name: 'Comment on this turn' });
      await commentForm.getByLabel('Comment').fill('Say what you did yourself before the result.');
      await commentForm.getByLabel('STAR part').selectOption('action');
      await commentForm.getByRole('button', { name: 'Save comment' }).click();
      await expect.poll(() => answerTurn.getByTestId('review-comment').textContent(), { timeout: 15_000 }).toContain('Say what you did yourself');

      // Blind scores, then the agreement with the AI.
      for (const key of DIMENSIONS) await reviewerPage.locator(`input[name="score-${key}"][value="4"]`).check();
      await reviewerPage.getByRole('button', { name: 'Submit scores' }).click();
      const agreement = reviewerPage.getByTestId('agreement');
      await agreement.waitFor({ timeout: 15_000 });
      const report = await candidate.ok<{ report: { dimensions: { key: string; score: number }[] } }>('GET', `/api/interviews/${interviewId}/report`);
      const aiClarity = report.report.dimensions.find((d) => d.key === 'clarity')!.score;
      const clarityCells = await reviewerPage.getByTestId('agreement-clarity').locator('td').allTextContents();
      expect(clarityCells.slice(1, 3)).toEqual(['4', String(aiClarity)]);
      expect(await agreement.textContent()).toContain('κ vs the AI');
      expect(await seriousAxeViolations(reviewerPage)).toEqual([]);
      await reviewerPage.getByRole('button', { name: 'Share my comments with the candidate' }).click();
      await reviewerPage.getByText('Your comments are shared with the candidate.').waitFor({ timeout: 15_000 });

      // The candidate sees the comment on their report, and who has access.
      await candidatePage.reload();
      const comments = candidatePage.getByTestId('reviewer-comments');
      await expect.poll(() => comments.textContent(), { timeout: 15_000 }).toContain('Say what you did yourself before the result.');
      expect(await comments.textContent()).toContain('Rita Reviewer');
      expect(await comments.textContent()).toContain('STAR: action');
      await expect.poll(() => candidatePage.getByTestId('share-list').textContent(), { timeout: 15_000 }).toContain('Rita Reviewer');

      // Revoking removes the reviewer's access at once.
      await candidatePage.getByTestId('share-list').getByRole('button', { name: 'Revoke' }).click();
      await candidatePage.getByText('Nobody else can see this interview.').waitFor({ timeout: 15_000 });
      const status = await reviewerPage.evaluate(async (id) => (await fetch(`/api/reviews/interviews/${id}`, { credentials: 'include' })).status, interviewId);
      expect(status).toBe(404);
      await reviewerPage.reload();
      await reviewerPage.getByText(/not found/i).first().waitFor({ timeout: 15_000 });
      expect(await reviewerPage.locator('main').textContent()).not.toContain(ANSWERS[0]);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- page log ---\n${pageLog.slice(-40).join('\n')}\n--- api log ---\n${stack?.logs('api').slice(-3000)}`, { cause: err });
    }
  });
});

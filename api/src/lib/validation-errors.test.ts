import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '@mockroom/core/input-rules';
import { Browser, createHarness, signUp, type Harness } from '../test/harness.js';

let h: Harness;
let alice: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  h = await createHarness();
  alice = await signUp(h, 'alice');
});
afterAll(async () => {
  await h?.close();
});

const job = { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We need TypeScript and Postgres.' };

interface ErrorAnswer {
  error: { code: string; message: string; fields?: Record<string, string> };
}

describe('validation errors', () => {
  it('maps each invalid field to a sentence a person would write, from the shared rules', async () => {
    const res = await alice.browser.post('/api/applications', { ...job, company: 'a'.repeat(INPUT_LIMITS.company + 1), role: '  ' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorAnswer;
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields).toEqual({ company: 'Keep the company name to 120 characters or fewer (it has 121).', role: 'Enter the role.' });
    expect(body.error.message).not.toMatch(/Too (small|big)|expected/);
  });

  it('accepts the company name at the limit the web form shows', async () => {
    const res = await alice.browser.post('/api/applications', { ...job, company: 'a'.repeat(INPUT_LIMITS.company) });
    expect(res.status).toBe(201);
  });

  it('answers an over-long job description with its limit, within and beyond the body limit', async () => {
    const over = await alice.browser.post('/api/applications', { ...job, jobDescription: 'x'.repeat(INPUT_LIMITS.jobDescription + 1) });
    expect(over.status).toBe(400);
    expect(((await over.json()) as ErrorAnswer).error.fields?.jobDescription).toBe('Keep the job description to 20,000 characters or fewer (it has 20,001).');
    const huge = await alice.browser.post('/api/applications', { ...job, jobDescription: 'x'.repeat(282_000) });
    expect(huge.status).toBe(413);
    const body = (await huge.json()) as ErrorAnswer;
    expect(body.error.fields?.jobDescription).toBe('Keep the job description to 20,000 characters or fewer.');
    expect(body.error.message).not.toMatch(/request body too large/);
  });

  it('names the field of a bad email address on sign-up', async () => {
    const res = await new Browser(h, '10.0.0.9').post('/api/auth/signup', { email: 'not-an-address', displayName: 'Ann', password: 'correct horse battery staple' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorAnswer).error.fields).toEqual({ email: 'Enter an email address like name@example.com.' });
  });
});

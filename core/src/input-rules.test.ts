import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApplicationInput, fieldErrors, INPUT_LIMITS } from './input-rules.js';

const valid = { company: 'Acme', role: 'Backend Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We build robots.' };

describe('ApplicationInput', () => {
  it('accepts a company name at the limit and refuses one over it with a sentence naming the limit', () => {
    expect(ApplicationInput.safeParse({ ...valid, company: 'a'.repeat(INPUT_LIMITS.company) }).success).toBe(true);
    const r = ApplicationInput.safeParse({ ...valid, company: 'a'.repeat(INPUT_LIMITS.company + 1) });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!.issues)).toEqual({ company: 'Keep the company name to 120 characters or fewer (it has 121).' });
  });

  it('says the job description limit and its length instead of validator output', () => {
    const r = ApplicationInput.safeParse({ ...valid, jobDescription: 'x'.repeat(282_000) });
    expect(fieldErrors(r.error!.issues).jobDescription).toBe('Keep the job description to 20,000 characters or fewer (it has 282,000).');
  });

  it('asks for each empty field once, in words', () => {
    const r = ApplicationInput.safeParse({ ...valid, company: '   ', role: '' });
    expect(fieldErrors(r.error!.issues)).toEqual({ company: 'Enter the company name.', role: 'Enter the role.' });
  });

  it('turns a schema without its own sentence into one made from the field name', () => {
    const r = ApplicationInput.safeParse({ ...valid, seniority: 'wizard' });
    expect(fieldErrors(r.error!.issues)).toEqual({ seniority: 'Choose one of the options for the seniority.' });
    const email = z.object({ email: z.email() }).safeParse({ email: 'nope' });
    expect(fieldErrors(email.error!.issues)).toEqual({ email: 'Enter an email address like name@example.com.' });
  });
});

import { describe, expect, it } from 'vitest';
import { ApplicationInput, INPUT_LIMITS } from '@mockroom/core/input-rules';
import { ApiError, toApiError } from './api.js';
import { checkWith, FieldCheckError, fieldsOf, formLevelError } from './form-errors.js';

const job = { company: 'Acme', role: 'Engineer', seniority: 'mid', interviewType: 'mixed', jobDescription: 'We build robots.' };

describe('form errors', () => {
  it('checks a form with the shared rules before it is sent, one sentence per field', () => {
    expect(checkWith(ApplicationInput, { ...job, company: '  Acme  ' }).company).toBe('Acme');
    let caught: unknown;
    try {
      checkWith(ApplicationInput, { ...job, jobDescription: 'x'.repeat(INPUT_LIMITS.jobDescription + 1) });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FieldCheckError);
    expect(fieldsOf(caught)).toEqual({ jobDescription: 'Keep the job description to 20,000 characters or fewer (it has 20,001).' });
  });

  it('takes the API’s per-field sentences, and maps the password codes to the password field', () => {
    const server = toApiError(400, { error: { code: 'invalid_input', message: 'Enter the role.', fields: { role: 'Enter the role.' } } });
    expect(fieldsOf(server)).toEqual({ role: 'Enter the role.' });
    expect(fieldsOf(new ApiError(400, 'password_too_common', 'Choose a less common password.'))).toEqual({ password: 'Choose a less common password.' });
    expect(fieldsOf(new Error('network'))).toEqual({});
  });

  it('shows above the form only what no field shows', () => {
    const err = new FieldCheckError({ company: 'Enter the company name.', _form: 'Send the form as JSON with the fields it asks for.' });
    expect(formLevelError(err, ['company', 'role'])).toEqual(new Error('Send the form as JSON with the fields it asks for.'));
    expect(formLevelError(new FieldCheckError({ role: 'Enter the role.' }), ['company', 'role'])).toBeNull();
    const plain = new Error('Could not reach the server.');
    expect(formLevelError(plain, ['company'])).toBe(plain);
  });
});

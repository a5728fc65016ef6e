/**
 * What a person may type into the API's forms: the limits and the request schemas, each rule with
 * the sentence shown when it is broken. The API validates request bodies with these schemas and the
 * web client checks the same schemas before it submits (and shows the limits and counters from
 * INPUT_LIMITS), so the two cannot disagree. Pure zod, no I/O.
 */
import { z } from 'zod';
import { InterviewType, Seniority } from './wire.js';

/** Characters (UTF-16 code units, what a textarea's maxLength counts), except the byte and password figures. */
export const INPUT_LIMITS = {
  company: 120,
  role: 120,
  jobDescription: 20_000,
  displayName: 80,
  /** A floor counted in typed characters; the API's password check has the final word (common passwords). */
  passwordMin: 8,
  passwordMax: 128,
  cvText: 100_000,
  cvFileName: 200,
  cvUploadBytes: 10 * 1024 * 1024,
  email: 254,
} as const;

const count = (n: number) => n.toLocaleString('en-GB');

/** A required trimmed text field with a length cap, each failure a sentence naming the field and the limit. */
function text(what: string, max: number) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(max, {
      error: (issue) => {
        const length = typeof issue.input === 'string' ? issue.input.length : null;
        return `Keep ${what} to ${count(max)} characters or fewer${length ? ` (it has ${count(length)})` : ''}.`;
      },
    });
}

export const ApplicationInput = z.object({
  company: text('the company name', INPUT_LIMITS.company),
  role: text('the role', INPUT_LIMITS.role),
  seniority: Seniority,
  interviewType: InterviewType,
  jobDescription: text('the job description', INPUT_LIMITS.jobDescription),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

export const ApplicationPatch = ApplicationInput.partial();

export const DisplayName = text('your name', INPUT_LIMITS.displayName);

export const CvTextInput = z.object({
  text: text('the text of your CV', INPUT_LIMITS.cvText),
  fileName: z.string().max(INPUT_LIMITS.cvFileName, { error: `Keep the file name to ${count(INPUT_LIMITS.cvFileName)} characters or fewer.` }).optional(),
});

/** The sentence shown for a password shorter than the floor (counted before submit in the web client). */
export const PASSWORD_TOO_SHORT = `Use at least ${INPUT_LIMITS.passwordMin} characters for your password.`;

/** A field's name as a person reads it ("jobDescription" → "job description"). */
export function fieldLabel(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * One sentence per field for the issues of a failed parse: a rule's own sentence where it has one,
 * otherwise one made from the field's name (a schema with no sentence of its own, e.g. an enum).
 * The first issue of each field wins; `_form` holds issues that belong to no field.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    if (out[key]) continue;
    out[key] = humanIssue(issue, key);
  }
  return out;
}

/** zod's default messages read like "Too small: expected string to have >=1 characters"; a custom sentence does not start so. */
const VALIDATOR_TEXT = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

function humanIssue(issue: z.core.$ZodIssue, key: string): string {
  if (!VALIDATOR_TEXT.test(issue.message)) return issue.message;
  const label = key === '_form' ? 'the request' : `the ${fieldLabel(key)}`;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? `Enter ${label}.` : `Choose a larger value for ${label}.`;
    case 'too_big':
      return issue.origin === 'string' ? `Keep ${label} to ${count(Number(issue.maximum))} characters or fewer.` : `Choose a smaller value for ${label}.`;
    case 'invalid_value':
      return `Choose one of the options for ${label}.`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Enter an email address like name@example.com.' : `Check ${label}: it is not in the expected form.`;
    case 'unrecognized_keys':
      return `Remove the fields this form does not take (${issue.keys.map(fieldLabel).join(', ')}).`;
    default:
      return key === '_form' ? 'Send the form as JSON with the fields it asks for.' : `Enter ${label}.`;
  }
}

/** Checks a value against one of these rules: the parsed value, or one sentence per field. */
export function checkInput<S extends z.ZodType>(schema: S, value: unknown): { ok: true; value: z.output<S> } | { ok: false; fields: Record<string, string> } {
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, fields: fieldErrors(result.error.issues) };
}

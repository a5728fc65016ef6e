/**
 * Form errors beside their fields. Before a submit a form checks its values with core's input rules
 * (the schemas the API validates with), and after one it takes the API's per-field sentences
 * (`error.fields`, and the password codes), so a person sees each problem where it is, in words.
 */
import { checkInput } from '@mockroom/core/input-rules';
import { ApiError } from './api.js';

export type FieldErrors = Record<string, string>;

/** Thrown by a form's own check before it sends anything; carries one sentence per field. */
export class FieldCheckError extends Error {
  override name = 'FieldCheckError';
  constructor(readonly fields: FieldErrors) {
    super(Object.values(fields)[0] ?? 'Check the form.');
  }
}

/** Checks `value` with a shared rule; throws FieldCheckError with the sentences when it fails. */
export function checkWith<S extends Parameters<typeof checkInput>[0]>(schema: S, value: unknown): ReturnType<S['parse']> {
  const result = checkInput(schema, value);
  if (!result.ok) throw new FieldCheckError(result.fields);
  return result.value as ReturnType<S['parse']>;
}

/** The per-field sentences carried by an error from a form's own check or from the API. */
export function fieldsOf(error: unknown): FieldErrors {
  if (error instanceof FieldCheckError) return error.fields;
  if (error instanceof ApiError) {
    if (error.fields) return error.fields;
    // The password rules answer with their own codes (password_too_short, _too_common, _too_long).
    if (error.code.startsWith('password_')) return { password: error.message };
  }
  return {};
}

/** The error to show above the submit button: only what no field shows already. */
export function formLevelError(error: unknown, shownFields: readonly string[]): unknown {
  const fields = fieldsOf(error);
  const keys = Object.keys(fields);
  if (keys.length === 0) return error;
  const unshown = keys.filter((k) => !shownFields.includes(k));
  return unshown.length ? new Error(unshown.map((k) => fields[k]).join(' ')) : null;
}

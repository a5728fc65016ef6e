/**
 * Typed client for the Mockroom API (docs/api-contract.md). Plain `fetch`, same origin, cookie
 * session. Each function is one route so switching to `hc<AppType>` later is a local change.
 * Nothing here reads configuration: the browser only ever talks to `/api` on its own origin.
 */
import type {
  Application,
  ApplicationAnalysis,
  ApplicationInput,
  Cv,
  EmailPreferences,
  Interview,
  InterviewDetail,
  InterviewSummary,
  ReportResponse,
  TokenResponse,
  User,
} from './types.js';

/** An error answer from the API (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown> | unknown[];

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: Json;
  form?: FormData;
  signal?: AbortSignal;
}

/** Turns any error answer body into a message a person can read. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const err = (body as { error: unknown }).error;
    if (err && typeof err === 'object') {
      const { code, message } = err as { code?: unknown; message?: unknown };
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'error',
        typeof message === 'string' && message ? message : fallbackMessage(status),
      );
    }
  }
  return new ApiError(status, status === 0 ? 'network' : 'error', fallbackMessage(status));
}

function fallbackMessage(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return 'The request failed.';
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: opts.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'include',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw toApiError(0, null);
  }
  if (res.status === 204 || res.status === 202) {
    return undefined as T;
  }
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) throw toApiError(res.status, parsed);
  return parsed as T;
}

export const api = {
  me: () => request<{ user: User }>('/auth/me').then((r) => r.user),
  signUp: (input: { email: string; displayName: string; password: string }) =>
    request<{ user: User }>('/auth/signup', { json: input }).then((r) => r.user),
  signIn: (input: { email: string; password: string }) =>
    request<{ user: User }>('/auth/signin', { json: input }).then((r) => r.user),
  signOut: () => request<void>('/auth/signout', { method: 'POST' }),
  signOutAll: () => request<void>('/auth/signout-all', { method: 'POST' }),
  requestVerifyEmail: () => request<void>('/auth/verify-email/request', { method: 'POST' }),
  verifyEmail: (code: string) =>
    request<{ user: User }>('/auth/verify-email', { json: { code } }).then((r) => r.user),
  requestPasswordReset: (email: string) =>
    request<void>('/auth/password-reset/request', { json: { email } }),
  resetPassword: (token: string, password: string) =>
    request<void>('/auth/password-reset', { json: { token, password } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/auth/password', { json: { currentPassword, newPassword } }),
  updateMe: (patch: { displayName?: string; emailPreferences?: EmailPreferences }) =>
    request<{ user: User }>('/me', { method: 'PATCH', json: patch }).then((r) => r.user),
  exportMe: () => request<unknown>('/me/export'),
  deleteMe: (password: string) => request<void>('/me', { method: 'DELETE', json: { password } }),

  getCv: () => request<{ cv: Cv | null }>('/cv').then((r) => r.cv),
  uploadCv: (file: File) => {
    const form = new FormData();
    form.set('file', file, file.name);
    return request<{ cv: Cv }>('/cv', { method: 'PUT', form }).then((r) => r.cv);
  },
  pasteCv: (text: string) =>
    request<{ cv: Cv }>('/cv', { method: 'PUT', json: { text, fileName: 'pasted.txt' } }).then((r) => r.cv),
  deleteCv: () => request<void>('/cv', { method: 'DELETE' }),

  listApplications: () =>
    request<{ applications: Application[] }>('/applications').then((r) => r.applications),
  getApplication: (id: string) =>
    request<{ application: Application }>(`/applications/${encodeURIComponent(id)}`).then((r) => r.application),
  createApplication: (input: ApplicationInput) =>
    request<{ application: Application }>('/applications', { json: { ...input } }).then((r) => r.application),
  updateApplication: (id: string, input: Partial<ApplicationInput>) =>
    request<{ application: Application }>(`/applications/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      json: { ...input },
    }).then((r) => r.application),
  deleteApplication: (id: string) =>
    request<void>(`/applications/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  getAnalysis: (id: string) =>
    request<{ analysis: ApplicationAnalysis }>(`/applications/${encodeURIComponent(id)}/analysis`).then(
      (r) => r.analysis,
    ),

  createInterview: (input: { applicationId: string; timeBoxMinutes?: number }) =>
    request<{ interview: Interview }>('/interviews', { json: input }).then((r) => r.interview),
  listInterviews: () => request<{ interviews: InterviewSummary[] }>('/interviews').then((r) => r.interviews),
  getInterview: (id: string) => request<InterviewDetail>(`/interviews/${encodeURIComponent(id)}`),
  getToken: (id: string) =>
    request<TokenResponse>(`/interviews/${encodeURIComponent(id)}/token`, { method: 'POST' }),
  endInterview: (id: string) =>
    request<{ interview: Interview }>(`/interviews/${encodeURIComponent(id)}/end`, { method: 'POST' }),
  getReport: (id: string, signal?: AbortSignal) =>
    request<ReportResponse>(`/interviews/${encodeURIComponent(id)}/report`, { signal }),
  rescore: (id: string) => request<void>(`/interviews/${encodeURIComponent(id)}/rescore`, { method: 'POST' }),
};

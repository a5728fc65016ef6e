/**
 * Client for the Mockroom API, typed from the API's own route definitions through Hono's
 * `hc<AppType>` (`@mockroom/api/client`), so a response shape is written once, in the route's
 * schema, and a change there breaks this build instead of drifting. Same origin, cookie session.
 * Nothing here reads configuration: the browser only ever talks to `/api` on its own origin.
 * Only `hono/client` reaches the bundle; the API's types are erased at build time.
 */
import { createClient } from '@mockroom/api/client';
import type { ClientResponse, InferRequestType } from 'hono/client';
import { reportSessionEnded } from './session.js';

/** An error answer from the API (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** One sentence per request field the server refused (core's input rules), when it said which. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Turns any error answer body into a message a person can read. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const err = (body as { error: unknown }).error;
    if (err && typeof err === 'object') {
      const { code, message, fields } = err as { code?: unknown; message?: unknown; fields?: unknown };
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'error',
        typeof message === 'string' && message ? message : fallbackMessage(status),
        fields && typeof fields === 'object' ? toFields(fields) : undefined,
      );
    }
  }
  return new ApiError(status, status === 0 ? 'network' : 'error', fallbackMessage(status));
}

function toFields(raw: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
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

/** The typed client. `fetch` is looked up per call, so tests can stub the global. */
export const client = createClient('/', {
  headers: { accept: 'application/json' },
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, credentials: 'include' }),
});
type Client = typeof client;

/** The body of a route's success answer, as the route's response schema declares it. */
export type SuccessBody<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 ? T : never) : never;

/** Waits for an answer; a network failure or an error status becomes ApiError. */
async function answer<R extends ClientResponse<unknown, number, string>>(sending: Promise<R>): Promise<R> {
  let res: R;
  try {
    res = await sending;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw toApiError(0, null);
  }
  if (!res.ok) {
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const error = toApiError(res.status, parsed);
    if (error.status === 401 && error.code === 'unauthorized') {
      // The session is gone (expired, signed out elsewhere, account deleted): the app says so once.
      reportSessionEnded();
      throw new ApiError(401, 'session_ended', 'Your session has ended. Sign in again to continue.');
    }
    throw error;
  }
  return res;
}

/** A route that answers JSON: its success body, typed from the route. */
export async function receive<R extends ClientResponse<unknown, number, string>>(sending: Promise<R>): Promise<SuccessBody<R>> {
  const res = await answer(sending);
  // `answer` threw on every error status, so what is left is one of the route's success bodies.
  return (await res.json()) as SuccessBody<R>;
}

/** A route that answers 202 or 204 with no body. */
async function send(sending: Promise<ClientResponse<unknown, number, string>>): Promise<void> {
  await answer(sending);
}

/** Request bodies, typed from the routes' request schemas. */
export type SignUpInput = InferRequestType<Client['api']['auth']['signup']['$post']>['json'];
export type ApplicationInput = InferRequestType<Client['api']['applications']['$post']>['json'];
export type ApplicationPatch = InferRequestType<Client['api']['applications'][':id']['$patch']>['json'];
export type ProfilePatch = InferRequestType<Client['api']['me']['$patch']>['json'];
export type InterviewInput = InferRequestType<Client['api']['interviews']['$post']>['json'];

type CvPutArgs = InferRequestType<Client['api']['cv']['$put']>;

const id = (value: string) => ({ param: { id: value } });
const c = client.api;

export const api = {
  me: () => receive(c.auth.me.$get()).then((r) => r.user),
  signUp: (input: SignUpInput) => receive(c.auth.signup.$post({ json: input })).then((r) => r.user),
  signIn: (input: { email: string; password: string }) => receive(c.auth.signin.$post({ json: input })).then((r) => r.user),
  signOut: () => send(c.auth.signout.$post()),
  signOutAll: () => send(c.auth['signout-all'].$post()),
  requestVerifyEmail: () => send(c.auth['verify-email'].request.$post()),
  verifyEmail: (code: string) => receive(c.auth['verify-email'].$post({ json: { code } })).then((r) => r.user),
  requestPasswordReset: (email: string) => send(c.auth['password-reset'].request.$post({ json: { email } })),
  resetPassword: (token: string, password: string) => send(c.auth['password-reset'].$post({ json: { token, password } })),
  changePassword: (currentPassword: string, newPassword: string) => send(c.auth.password.$post({ json: { currentPassword, newPassword } })),
  updateMe: (patch: ProfilePatch) => receive(c.me.$patch({ json: patch })).then((r) => r.user),
  exportMe: () => receive(c.me.export.$get()),
  deleteMe: (password: string) => send(c.me.$delete({ json: { password } })),

  getCv: () => receive(c.cv.$get()).then((r) => r.cv),
  // The route takes JSON or multipart; @hono/zod-openapi types a two-media-type body as needing
  // both at once, so the multipart call names its own argument type. The answer stays typed.
  uploadCv: (file: File) => receive(c.cv.$put({ form: { file } } as CvPutArgs)).then((r) => r.cv),
  pasteCv: (text: string) => receive(c.cv.$put({ json: { text, fileName: 'pasted.txt' } } as CvPutArgs)).then((r) => r.cv),
  /** The owner's corrections to the extracted text, kept under the uploaded file's name. */
  saveCvText: (text: string, fileName: string) => receive(c.cv.$put({ json: { text, fileName } } as CvPutArgs)).then((r) => r.cv),
  deleteCv: () => send(c.cv.$delete()),

  listApplications: () => receive(c.applications.$get()).then((r) => r.applications),
  getApplication: (appId: string) => receive(c.applications[':id'].$get(id(appId))).then((r) => r.application),
  createApplication: (input: ApplicationInput) => receive(c.applications.$post({ json: input })).then((r) => r.application),
  updateApplication: (appId: string, input: ApplicationPatch) =>
    receive(c.applications[':id'].$patch({ ...id(appId), json: input })).then((r) => r.application),
  deleteApplication: (appId: string) => send(c.applications[':id'].$delete(id(appId))),
  getAnalysis: (appId: string) => receive(c.applications[':id'].analysis.$get(id(appId))).then((r) => r.analysis),

  createInterview: (input: InterviewInput) => receive(c.interviews.$post({ json: input })).then((r) => r.interview),
  listInterviews: () => receive(c.interviews.$get()).then((r) => r.interviews),
  getInterview: (interviewId: string) => receive(c.interviews[':id'].$get(id(interviewId))),
  getToken: (interviewId: string) => receive(c.interviews[':id'].token.$post(id(interviewId))),
  endInterview: (interviewId: string) => receive(c.interviews[':id'].end.$post(id(interviewId))),
  getReport: (interviewId: string, signal?: AbortSignal) =>
    receive(c.interviews[':id'].report.$get(id(interviewId), signal ? { init: { signal } } : undefined)),
  rescore: (interviewId: string) => send(c.interviews[':id'].rescore.$post(id(interviewId))),
};

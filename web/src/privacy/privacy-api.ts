/**
 * The privacy routes through the typed client (routes/me.ts, routes/privacy.ts and the interview
 * delete), kept beside the privacy components so the shared api.ts stays as its owner keeps it.
 */
import { client, receive, toApiError, type SuccessBody } from '../api.js';

const c = client.api;
const id = (value: string) => ({ param: { id: value } });

/** Runs a route that answers 202/204 with no body; an error status becomes ApiError. */
async function noBody(sending: Promise<Response>): Promise<void> {
  await checked(sending);
}

/** The answer of a route whose success is not 200/201 (receive() types only those), parsed as T. */
async function acceptedJson<T>(sending: Promise<Response>): Promise<T> {
  return (await (await checked(sending)).json()) as T;
}

async function checked(sending: Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await sending;
  } catch {
    throw toApiError(0, null);
  }
  if (!res.ok) {
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      parsed = null;
    }
    throw toApiError(res.status, parsed);
  }
  return res;
}

export type DeletionStatus = SuccessBody<Awaited<ReturnType<(typeof c.me.deletion)['$get']>>>;

export const privacyApi = {
  deleteInterview: (interviewId: string) => noBody(c.interviews[':id'].$delete(id(interviewId))),
  deleteApplication: (applicationId: string) => noBody(c.applications[':id'].$delete(id(applicationId))),
  getDossier: (interviewId: string) => receive(c.interviews[':id'].dossier.$get(id(interviewId))).then((r) => r.dossier),
  /** 202: the deletion is scheduled and every session (this one too) has ended. */
  requestDeletion: (password: string) => acceptedJson<DeletionStatus>(c.me.$delete({ json: { password } })),
  deletionStatus: () => receive(c.me.deletion.$get()),
  cancelDeletion: () => receive(c.me.deletion.$delete()),
  privacyInfo: () => receive(c.privacy.$get()),
  eventCounts: (days: number) => receive(c.operator.events.$get({ query: { days: String(days) } })),
};

/** The archive download: a plain same-origin link carries the session cookie. */
export const EXPORT_ARCHIVE_URL = '/api/me/export/archive';

/** "13 December 2026", in UTC like the email. */
export function formatDeletionDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

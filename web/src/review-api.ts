/**
 * The review workspace's calls (issue 18), typed from the API's routes through the same client as
 * api.ts (api/src/routes/review-shares.ts, reviews.ts, review-cohorts.ts), and the names of their
 * answers. Kept apart from api.ts so the review area does not edit the shared client file.
 */
import type { ClientResponse, InferRequestType } from 'hono/client';
import { client, receive, toApiError } from './api.js';

const c = client.api;
const id = (value: string) => ({ param: { id: value } });

/** A route that answers 204: an error status becomes ApiError. */
async function noContent(sending: Promise<ClientResponse<unknown, number, string>>): Promise<void> {
  let res: ClientResponse<unknown, number, string>;
  try {
    res = await sending;
  } catch {
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
    throw toApiError(res.status, parsed);
  }
}

export type ShareInput = InferRequestType<(typeof c.shares)['$post']>['json'];
export type ReviewScoresInput = InferRequestType<(typeof c.reviews.interviews)[':id']['$put']>['json']['scores'];
export type CalibrationInput = InferRequestType<(typeof c.cohorts)[':id']['calibration']['$post']>['json'];
export type CommentInput = InferRequestType<(typeof c.reviews.interviews)[':id']['comments']['$post']>['json'];

export const reviewApi = {
  share: (input: ShareInput) => receive(c.shares.$post({ json: input })),
  listShares: (interviewId: string) => receive(c.shares.$get({ query: { interviewId } })).then((r) => r.shares),
  revokeShare: (shareId: string) => noContent(c.shares[':id'].$delete(id(shareId))),
  sharedComments: (interviewId: string) => receive(c.shares.comments.$get({ query: { interviewId } })).then((r) => r.comments),

  acceptInvitation: (token: string) => receive(c.reviews.invitations.accept.$post({ json: { token } })),
  inbox: () => receive(c.reviews.$get()),
  workspace: (interviewId: string) => receive(c.reviews.interviews[':id'].$get(id(interviewId))),
  saveReview: (interviewId: string, scores: ReviewScoresInput, submit: boolean) =>
    receive(c.reviews.interviews[':id'].$put({ ...id(interviewId), json: { scores, submit } })).then((r) => r.review),
  agreement: (interviewId: string) => receive(c.reviews.interviews[':id'].agreement.$get(id(interviewId))),
  addComment: (interviewId: string, input: CommentInput) => receive(c.reviews.interviews[':id'].comments.$post({ ...id(interviewId), json: input })).then((r) => r.comment),
  deleteComment: (commentId: string) => noContent(c.reviews.comments[':id'].$delete(id(commentId))),
  shareBack: (interviewId: string) => receive(c.reviews.interviews[':id']['share-back'].$post(id(interviewId))).then((r) => r.review),
  calibrationItem: (itemId: string) => receive(c.reviews.calibration[':id'].$get(id(itemId))),
  saveCalibration: (itemId: string, scores: ReviewScoresInput, submit: boolean) =>
    receive(c.reviews.calibration[':id'].$put({ ...id(itemId), json: { scores, submit } })).then((r) => r.review),
  calibrationCurve: () => receive(c.reviews['calibration-curve'].$get()).then((r) => r.points),

  createCohort: (name: string) => receive(c.cohorts.$post({ json: { name } })).then((r) => r.cohort),
  inviteToCohort: (cohortId: string, email?: string) => receive(c.cohorts[':id'].invitations.$post({ ...id(cohortId), json: email ? { email } : {} })),
  cohortStats: (cohortId: string) => receive(c.cohorts[':id'].stats.$get(id(cohortId))),
  publishCalibration: (cohortId: string, input: CalibrationInput) => receive(c.cohorts[':id'].calibration.$post({ ...id(cohortId), json: input })).then((r) => r.item),
};

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type ReviewShare = Answer<typeof reviewApi.listShares>[number];
export type SharedComment = Answer<typeof reviewApi.sharedComments>[number];
export type ReviewInbox = Answer<typeof reviewApi.inbox>;
export type ReviewWorkspace = Answer<typeof reviewApi.workspace>;
export type MyReview = NonNullable<ReviewWorkspace['review']>;
export type ReviewComment = ReviewWorkspace['comments'][number];
export type Agreement = Answer<typeof reviewApi.agreement>;
export type CalibrationItem = Answer<typeof reviewApi.calibrationItem>;
export type CalibrationPoint = Answer<typeof reviewApi.calibrationCurve>[number];
export type CohortStats = Answer<typeof reviewApi.cohortStats>;

/**
 * Client calls for credits and referrals, typed from the API's routes like api.ts (kept apart so
 * the credits pages own their calls). Answer types are inferred, never written by hand.
 */
import { client, receive } from '../api.js';

const c = client.api;

export const creditsApi = {
  getCredits: (before?: string) => receive(c.credits.$get({ query: before ? { before } : {} })),
  checkout: (packId: string) => receive(c.credits.checkout.$post({ json: { packId } })),
  getReferrals: () => receive(c.referrals.$get()),
};

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type Credits = Answer<typeof creditsApi.getCredits>;
export type CreditEntry = Credits['entries'][number];
export type Referrals = Answer<typeof creditsApi.getReferrals>;

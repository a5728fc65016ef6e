/** GET /api/referrals: the caller's referral code and link, and how many they invited and earned (counts only, never who). */
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/guard.js';
import { referralSummary } from '../billing/referrals.js';
import { createRouter, errorResponses, json } from '../lib/openapi.js';

export const ReferralsResponse = z.object({
  code: z.string(),
  link: z.string(),
  /** Accounts created with this code. */
  invited: z.number().int(),
  /** Of those, referrals that paid out (the invited user completed a first interview, no limit applied). */
  rewarded: z.number().int(),
  earnedCredits: z.number().int(),
  rewardCredits: z.number().int(),
  monthlyCap: z.number().int(),
});

export function createReferralRoutes() {
  return createRouter().openapi(
    createRoute({ method: 'get', path: '/', responses: { 200: json(ReferralsResponse.openapi('Referrals'), 'your referral link and what it earned'), ...errorResponses } }),
    async (c) => {
      const { user } = requireUser(c);
      const s = c.var.services;
      const summary = await referralSummary(s, user.id);
      const link = new URL(`/#/signup?ref=${summary.code}`, s.env.APP_BASE_URL).toString();
      return c.json({ ...summary, link, rewardCredits: s.env.REFERRAL_REWARD_CREDITS, monthlyCap: s.env.REFERRAL_MONTHLY_CAP }, 200);
    },
  );
}

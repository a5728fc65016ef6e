/**
 * Credits: the balance with a page of the ledger, prices and packs (GET /api/credits), and buying
 * a pack (POST /api/credits/checkout) through the configured payment provider. The rules are in
 * api/src/billing and docs/credits.md; these handlers only validate and answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CREDIT_ENTRY_KINDS } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { creditPacks } from '../billing/config.js';
import { balanceTx, ledgerPageTx, openAccountTx } from '../billing/ledger.js';
import { selectPaymentProvider } from '../billing/payments/provider.js';
import { ApiError } from '../lib/errors.js';
import { createRouter, errorResponses, json, jsonBody } from '../lib/openapi.js';

const LEDGER_PAGE_SIZE = 20;

const CreditPackShape = z.object({ id: z.string(), credits: z.number().int(), priceCents: z.number().int(), currency: z.string() });
const LedgerEntryShape = z.object({
  id: z.string(),
  amount: z.number().int(),
  kind: z.enum(CREDIT_ENTRY_KINDS),
  interviewId: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const CreditsResponse = z.object({
  balance: z.number().int(),
  /** False on a server that does not charge for interviews. */
  enforced: z.boolean(),
  creditsPerMinute: z.number().int(),
  startingCredits: z.number().int(),
  /** Which provider a checkout goes through; null when buying is unavailable. */
  provider: z.enum(['stripe', 'development']).nullable(),
  packs: z.array(CreditPackShape),
  entries: z.array(LedgerEntryShape),
  /** Pass as ?before= for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
const CheckoutResponse = z.object({ url: z.string().nullable(), grantedCredits: z.number().int().nullable() });

export function createCreditRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        request: { query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
        responses: { 200: json(CreditsResponse.openapi('Credits'), 'balance, prices, packs and a page of the ledger (newest first)'), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const { before } = c.req.valid('query');
        const { balance, rows } = await s.db.asUser(user.id, async (tx) => {
          await openAccountTx(tx, user.id, s.env);
          return { balance: await balanceTx(tx, user.id), rows: await ledgerPageTx(tx, user.id, LEDGER_PAGE_SIZE + 1, before ? new Date(before) : undefined) };
        });
        const page = rows.slice(0, LEDGER_PAGE_SIZE);
        return c.json(
          {
            balance,
            enforced: s.env.CREDITS_ENFORCED,
            creditsPerMinute: s.env.CREDITS_PER_MINUTE,
            startingCredits: s.env.STARTING_CREDITS,
            provider: selectPaymentProvider(s.env)?.name ?? null,
            packs: creditPacks(s.env).map((p) => ({ id: p.id, credits: p.credits, priceCents: p.priceCents, currency: p.currency })),
            entries: page.map((e) => ({ id: e.id, amount: e.amount, kind: e.kind, interviewId: e.interviewId, note: e.note, createdAt: e.createdAt.toISOString() })),
            nextBefore: rows.length > LEDGER_PAGE_SIZE ? page[page.length - 1]!.createdAt.toISOString() : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/checkout',
        request: { body: jsonBody(z.object({ packId: z.string().max(32) })) },
        responses: {
          200: json(CheckoutResponse, 'url: go there to pay (credits arrive with the payment); grantedCredits: credited already (development provider)'),
          ...errorResponses,
          503: errorResponses[400],
        },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const { packId } = c.req.valid('json');
        const pack = creditPacks(s.env).find((p) => p.id === packId);
        if (!pack) throw new ApiError(400, 'unknown_pack', 'no such credit pack');
        const provider = selectPaymentProvider(s.env);
        if (!provider) throw new ApiError(503, 'payments_unavailable', 'buying credits is not set up on this server');
        // The account exists before the payment, so the webhook can tell a deleted account from a new one.
        await s.db.asUser(user.id, (tx) => openAccountTx(tx, user.id, s.env));
        const back = new URL('/#/credits', s.env.APP_BASE_URL).toString();
        let result;
        try {
          result = await provider.createCheckout(s, { userId: user.id, pack, successUrl: `${back}?paid=1`, cancelUrl: back });
        } catch (error) {
          s.logger.warn({ provider: provider.name, err: error instanceof Error ? error.name : 'unknown' }, 'checkout failed');
          throw new ApiError(503, 'payments_unavailable', 'the payment provider did not answer; try again later');
        }
        return c.json(result.kind === 'redirect' ? { url: result.url, grantedCredits: null } : { url: null, grantedCredits: result.credits }, 200);
      },
    );
}

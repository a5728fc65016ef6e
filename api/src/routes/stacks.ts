/**
 * Provider stacks: the list an interview may pick from (with availability and list prices, for the
 * pre-call picker and the developer page) and the comparison per stack over the signed-in user's
 * own interviews (p50/p95 per stage, cost per interview minute). Row-level security keeps the
 * comparison to the caller's rows: metrics of other people's calls are theirs.
 */
import { createRoute } from '@hono/zod-openapi';
import { isNotNull } from 'drizzle-orm';
import { StackComparisonResponse, StacksResponse } from '@mockroom/core/stack-metrics';
import { STACK_IDS } from '@mockroom/core/stacks';
import { interviews, turnMetrics } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { createRouter, errorResponses, json } from '../lib/openapi.js';
import { toStackComparison } from '../lib/stack-metrics.js';
import { describeStack, stackPolicy } from '../lib/stack-policy.js';

export function createStackRoutes() {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        responses: { 200: json(StacksResponse.openapi('Stacks'), 'every known stack, whether this server offers it, its providers and prices'), ...errorResponses },
      }),
      (c) => {
        requireUser(c);
        const policy = stackPolicy(c.var.services.env);
        const stacks = STACK_IDS.map((id) => describeStack(policy, id));
        return c.json({ defaultStack: policy.defaultStack, stacks, unknownInAllowList: policy.allowed.unknown.map((u) => u.slice(0, 64)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/comparison',
        responses: { 200: json(StackComparisonResponse.openapi('StackComparison'), "p50/p95 per stage and cost per minute for each stack, over the caller's interviews"), ...errorResponses },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        const { ivs, rows } = await s.db.asUser(user.id, async (tx) => ({
          ivs: await tx
            .select({ id: interviews.id, stack: interviews.stack, startedAt: interviews.startedAt, endedAt: interviews.endedAt })
            .from(interviews)
            .where(isNotNull(interviews.stack)),
          rows: await tx.select().from(turnMetrics),
        }));
        return c.json({ scope: 'own' as const, stacks: toStackComparison(ivs, rows, stackPolicy(s.env).prices) }, 200);
      },
    );
}

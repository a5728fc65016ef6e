/** The rule-based interviewer (LLM_PROVIDER=local): it is the session's LLM, built by the interviewer. */
import { PROVIDERS } from '@mockroom/core/stacks';
import type { ProviderDescriptor } from './descriptor.js';

export const rules: ProviderDescriptor = {
  info: PROVIDERS.rules,
  // `local` only: interviewer.ts and turn/ know the rule interviewer by that name.
  names: { llm: ['local'] },
  llm: (_cfg, ctx) => ctx.createRuleInterviewer(),
};

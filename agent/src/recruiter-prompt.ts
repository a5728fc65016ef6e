/**
 * The prompt for LLM interviewers: persona, plan and rules from prompts/recruiter.md, with
 * candidate data fenced off as data. It sits at the top of src/ because the job bundle copies
 * prompts/ beside the bundled entry, and this module reads it relative to itself.
 */
import { readFileSync } from 'node:fs';
import type { InterviewContext, InterviewStyle } from '@mockroom/core';

const PROMPT_TEMPLATE = readFileSync(new URL('./prompts/recruiter.md', import.meta.url), 'utf8');

/** The candidate's choice of manner on the pre-call page (core InterviewStyle). */
const STYLE_GUIDANCE: Record<InterviewStyle, string> = {
  supportive: 'The candidate chose a supportive interviewer: be encouraging, probe gently, and say so once in your greeting.',
  neutral: 'Be a realistic, neutral interviewer: friendly but not effusive.',
  challenging: 'The candidate chose a challenging interviewer: press for specifics and examples, as a demanding panel would, without being rude, and say so once in your greeting.',
};

export function renderRecruiterPrompt(context: InterviewContext): string {
  const clean = (s: string) => s.replace(/[<>{}]/g, '').slice(0, 200);
  const questions = context.plan.questions
    // A question may be the candidate's own (edited before the call): fenced like any candidate text.
    .map((q, i) => `${i + 1}. [${q.id}] (${q.kind}, ${clean(q.competency)}) ${q.text.replace(/[<>{}]/g, '')}`)
    .join('\n');
  const values: Record<string, string> = {
    candidateName: clean(context.candidateName),
    role: clean(context.role),
    company: clean(context.company),
    seniority: context.seniority,
    interviewType: context.interviewType.replace('_', ' '),
    timeBoxMinutes: String(Math.round(context.timeBoxSeconds / 60)),
    questions,
    requiredSkills: context.plan.requiredSkills.map(clean).join(', ') || 'none listed',
    style: STYLE_GUIDANCE[context.plan.style ?? 'neutral'],
  };
  return PROMPT_TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

/** Interview plan: the ordered questions the recruiter asks. Pure data. */
import { z } from 'zod';

export const QuestionKind = z.enum(['behavioural', 'technical', 'role_specific']);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const QuestionStatus = z.enum(['answered', 'insufficient', 'skipped', 'interrupted', 'not_asked']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

export const PlanQuestion = z.object({
  id: z.string().min(1).max(64),
  kind: QuestionKind,
  /** Competency probed, e.g. "ownership", "system design", "typescript". */
  competency: z.string().max(80),
  text: z.string().min(1).max(1000),
  /** What a strong answer shows (signals the scorer and follow-up rules look for). */
  strongAnswer: z.array(z.string().max(300)).max(10),
  /** Follow-up prompts, used in order when an answer needs more. */
  followUps: z.array(z.string().max(500)).max(5),
  /** Skill from the JD this question probes (lower-case canonical name), when any. */
  skill: z.string().max(60).nullish(),
  /** Keywords a relevant answer is expected to touch (lower-case). */
  keywords: z.array(z.string().max(60)).max(30).default([]),
});
export type PlanQuestion = z.infer<typeof PlanQuestion>;

export const InterviewPlan = z.object({
  version: z.literal(1),
  questions: z.array(PlanQuestion).min(1).max(30),
  /** Required skills from the JD (canonical names), for the "skill without depth" follow-up rule. */
  requiredSkills: z.array(z.string().max(60)).max(60).default([]),
});
export type InterviewPlan = z.infer<typeof InterviewPlan>;

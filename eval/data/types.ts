/**
 * Shapes of the evaluation set. Labels are a careful recruiter's reading of each CV and job
 * description, written by hand for this set; they are never copied from what the rules output.
 * Skill labels are plain names ("classroom management", "postgresql"); the harness normalises
 * them through the same canonical vocabulary the analysis uses (see eval/README.md).
 */
import type { PlanQuestion } from '../../core/src/plan.js';

export type Split = 'dev' | 'heldout';

export interface CvJdCase {
  id: string;
  split: Split;
  occupation: string;
  /** e.g. "career changer", "junior", "mismatch" — free text for reading the results. */
  profile: string;
  role: string;
  seniority: 'intern' | 'junior' | 'mid' | 'senior' | 'staff' | 'lead';
  cv: string;
  jd: string;
  labels: {
    /** Must-haves as the JD states them (or as its responsibilities imply when it has no list). */
    required: string[];
    /** Stated as desirable / preferred / a plus. */
    niceToHave: string[];
    /** Requirements (from either list) the CV gives no evidence of. Matched = the rest. */
    gaps: string[];
    /** Inclusive 0–100 band a careful recruiter would accept for the fit score. */
    fitBand: [number, number];
  };
}

export interface StarLabel {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
}

export interface LabelledAnswer {
  text: string;
  star: StarLabel;
}

/** A strong and a weak answer to the same planned question. */
export interface AnswerPairCase {
  id: string;
  split: Split;
  occupation: string;
  question: Pick<PlanQuestion, 'kind' | 'competency' | 'text' | 'keywords'> & { skill: string | null };
  /** Required skills of the role the question belongs to (canonical or plain names). */
  requiredSkills: string[];
  strong: LabelledAnswer;
  weak: LabelledAnswer;
}

/** The whole evaluation set, and the fixed subset `--quick` runs in CI. */
import { DEV_ANSWERS } from './answers-dev.js';
import { HELDOUT_ANSWERS } from './answers-heldout.js';
import { DEV_CV_JD } from './cv-jd-dev.js';
import { HELDOUT_CV_JD } from './cv-jd-heldout.js';
import type { AnswerPairCase, CvJdCase } from './types.js';

export * from './types.js';

export const CV_JD_CASES: CvJdCase[] = [...DEV_CV_JD, ...HELDOUT_CV_JD];
export const ANSWER_CASES: AnswerPairCase[] = [...DEV_ANSWERS, ...HELDOUT_ANSWERS];

/**
 * A small, fixed slice of the dev split: enough to exercise every metric, quick enough for CI.
 * Dev only, so no CI log ever shows held-out results item by item.
 */
export const QUICK_CV_JD_IDS = ['d-backend-senior-payments', 'd-nurse-to-cs', 'd-primary-teacher', 'd-data-engineer-mismatch', 'd-pharmacy-technician', 'd-junior-pm'];
export const QUICK_ANSWER_IDS = ['da-backend-mentoring', 'da-nurse-cs-motivation', 'da-teacher-parent', 'da-restaurant-cost', 'da-account-exec-partial'];

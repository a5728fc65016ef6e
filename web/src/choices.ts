/** The choices the application form offers, checked against the API's own enums by the compiler. */
import type { InterviewType, Seniority } from './types.js';

export const SENIORITIES: readonly Seniority[] = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'];
export const INTERVIEW_TYPES: readonly { value: InterviewType; label: string }[] = [
  { value: 'mixed', label: 'Mixed' },
  { value: 'behavioural', label: 'Behavioural' },
  { value: 'technical', label: 'Technical' },
  { value: 'role_specific', label: 'Role-specific' },
];

/** CV/JD analysis (offline, deterministic). Filled in below; signature is the contract. */
import { z } from 'zod';
import type { Seniority } from './wire.js';

export const AnalysisSchema = z.object({
  cvSkills: z.array(z.string().max(60)).max(200),
  jdSkills: z.array(z.string().max(60)).max(200),
  required: z.array(z.string().max(60)).max(60),
  niceToHave: z.array(z.string().max(60)).max(60),
  seniority: z.string().max(40),
  fitScore: z.number().int().min(0).max(100),
  fitBasis: z.array(z.string().max(300)).max(20),
  gaps: z.array(z.string().max(60)).max(60),
});
export interface Analysis {
  cvSkills: string[];
  jdSkills: string[];
  required: string[];
  niceToHave: string[];
  seniority: string;
  fitScore: number;
  fitBasis: string[];
  gaps: string[];
}

export function analyzeApplication(input: {
  cvText: string | null;
  jobDescription: string;
  role: string;
  seniority: Seniority;
}): Analysis {
  return { cvSkills: [], jdSkills: [], required: [], niceToHave: [], seniority: input.seniority, fitScore: 0, fitBasis: [], gaps: [] };
}

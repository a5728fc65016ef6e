import { describe, expect, it } from 'vitest';
import { analyzeApplication } from './analysis.js';
import { BACKEND_CV_STRONG, BACKEND_CV_WEAK, BACKEND_JD, PRODUCT_CV, PRODUCT_JD } from './fixtures/cv-jd.js';
import { InterviewPlan } from './plan.js';
import { buildInterviewPlan } from './plan-builder.js';
import { InterviewType } from './wire.js';

const strong = analyzeApplication({ cvText: BACKEND_CV_STRONG, jobDescription: BACKEND_JD, role: 'Senior Backend Engineer', seniority: 'senior', asOfYear: 2025 });
const weak = analyzeApplication({ cvText: BACKEND_CV_WEAK, jobDescription: BACKEND_JD, role: 'Backend Engineer', seniority: 'junior', asOfYear: 2025 });

describe('buildInterviewPlan', () => {
  for (const interviewType of InterviewType.options) {
    it(`builds a valid ${interviewType} plan with stable ids, follow-ups and spoken text`, () => {
      const plan = buildInterviewPlan({ analysis: strong, interviewType, seniority: 'senior', role: 'Senior Backend Engineer', company: 'Acme', questionCount: 7 });
      expect(InterviewPlan.parse(plan)).toEqual(plan);
      expect(plan.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
      for (const q of plan.questions) {
        expect(q.followUps.length).toBeGreaterThanOrEqual(1);
        expect(q.followUps.length).toBeLessThanOrEqual(3);
        expect(q.strongAnswer.length).toBeGreaterThan(0);
        expect(q.text).not.toMatch(/[*#_`[\]]/);
      }
      expect(new Set(plan.questions.map((q) => q.text)).size).toBe(plan.questions.length);
    });
  }

  it('matches the interview type', () => {
    const tech = buildInterviewPlan({ analysis: strong, interviewType: 'technical', seniority: 'senior', role: 'Senior Backend Engineer', company: 'Acme' });
    const beh = buildInterviewPlan({ analysis: strong, interviewType: 'behavioural', seniority: 'senior', role: 'Senior Backend Engineer', company: 'Acme' });
    const kinds = (p: InterviewPlan, k: string) => p.questions.filter((q) => q.kind === k).length;
    expect(kinds(tech, 'technical')).toBeGreaterThan(kinds(beh, 'technical'));
    expect(kinds(beh, 'behavioural')).toBeGreaterThan(kinds(tech, 'behavioural'));
    expect(tech.questions.some((q) => q.skill === 'node.js' && q.text.includes('Node JS'))).toBe(true);
  });

  it('probes the gaps from the analysis', () => {
    const plan = buildInterviewPlan({ analysis: weak, interviewType: 'mixed', seniority: 'junior', role: 'Backend Engineer', company: '', questionCount: 8 });
    const probed = plan.questions.filter((q) => q.competency.startsWith('gap: ')).map((q) => q.skill);
    expect(probed.length).toBeGreaterThanOrEqual(2);
    for (const s of probed) expect(weak.gaps).toContain(s);
    expect(plan.requiredSkills).toEqual(weak.required);
  });

  it('honours the question count and seniority', () => {
    const short = buildInterviewPlan({ analysis: strong, interviewType: 'behavioural', seniority: 'senior', role: 'Engineer', company: 'Acme', questionCount: 2 });
    expect(short.questions).toHaveLength(2);
    const senior = buildInterviewPlan({ analysis: strong, interviewType: 'behavioural', seniority: 'lead', role: 'Engineer', company: 'Acme', questionCount: 10 });
    const junior = buildInterviewPlan({ analysis: strong, interviewType: 'behavioural', seniority: 'intern', role: 'Engineer', company: 'Acme', questionCount: 10 });
    expect(senior.questions.some((q) => q.competency === 'mentoring')).toBe(true);
    expect(junior.questions.some((q) => q.competency === 'mentoring')).toBe(false);
    expect(junior.questions.some((q) => q.competency === 'learning')).toBe(true);
  });

  it('works for a non-engineering role and is deterministic', () => {
    const a = analyzeApplication({ cvText: PRODUCT_CV, jobDescription: PRODUCT_JD, role: 'Product Manager', seniority: 'mid' });
    const args = { analysis: a, interviewType: 'role_specific' as const, seniority: 'mid' as const, role: 'Product Manager', company: 'Shopfront' };
    const plan = buildInterviewPlan(args);
    expect(plan.questions.some((q) => q.competency === 'system design')).toBe(false);
    expect(plan.questions[0]!.text).toContain('Product Manager role at Shopfront');
    expect(buildInterviewPlan(args)).toEqual(plan);
  });
});

describe('buildInterviewPlan outside software', () => {
  it('asks an associate PM with SQL no production-incident question and never asks about English', () => {
    const a = analyzeApplication({
      cvText: 'Business analyst, 2022 – present. Wrote user stories; built SQL reports.',
      jobDescription: 'Associate Product Manager\nRequirements:\n- User stories\n- SQL\n- Fluent English\n- Stakeholder management',
      role: 'Associate Product Manager',
      seniority: 'junior',
      asOfYear: 2026,
    });
    expect(a.required).toContain('english');
    for (const interviewType of InterviewType.options) {
      const plan = buildInterviewPlan({ analysis: a, interviewType, seniority: 'junior', role: 'Associate Product Manager', company: 'Acme', questionCount: 10 });
      expect(plan.questions.some((q) => q.competency === 'debugging' || q.competency === 'system design')).toBe(false);
      expect(plan.questions.some((q) => /english/i.test(q.text))).toBe(false);
    }
  });

  it('asks role-specific questions about a nurse’s or a chef’s own requirements', () => {
    const a = analyzeApplication({
      cvText: 'Chef de Partie, 2021 – present. Food hygiene level 2, HACCP records. Helped write the spring menu.',
      jobDescription: 'Sous Chef\nRequirements:\n- Food safety and HACCP\n- Menu development\n- Stock control',
      role: 'Sous Chef',
      seniority: 'mid',
      asOfYear: 2026,
    });
    const plan = buildInterviewPlan({ analysis: a, interviewType: 'role_specific', seniority: 'mid', role: 'Sous Chef', company: 'Acme', questionCount: 6 });
    const skills = plan.questions.map((q) => q.skill);
    expect(skills).toEqual(expect.arrayContaining(['food safety']));
    expect(plan.questions.find((q) => q.skill === 'food safety')!.kind).toBe('role_specific');
  });
});

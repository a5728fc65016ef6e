import { describe, expect, it } from 'vitest';
import { analyzeApplication, AnalysisSchema, parseJobDescription } from './analysis.js';
import { BACKEND_CV_STRONG, BACKEND_CV_WEAK, BACKEND_JD, FLAT_JD, PRODUCT_CV, PRODUCT_JD } from './fixtures/cv-jd.js';

const backend = (cvText: string | null) =>
  analyzeApplication({ cvText, jobDescription: BACKEND_JD, role: 'Senior Backend Engineer', seniority: 'senior', asOfYear: 2025 });

describe('analyzeApplication', () => {
  it('splits required and nice-to-have skills by JD headings', () => {
    const a = backend(BACKEND_CV_STRONG);
    expect(a.required).toEqual(expect.arrayContaining(['node.js', 'typescript', 'postgresql', 'docker', 'kubernetes']));
    expect(a.niceToHave).toEqual(expect.arrayContaining(['kafka', 'terraform', 'graphql']));
    expect(a.required).not.toContain('kafka');
    expect(AnalysisSchema.parse(a)).toEqual(a);
  });

  it('scores a matching CV far above a non-matching one and explains both', () => {
    const strong = backend(BACKEND_CV_STRONG);
    const weak = backend(BACKEND_CV_WEAK);
    expect(strong.fitScore).toBeGreaterThanOrEqual(80);
    expect(weak.fitScore).toBeLessThan(20);
    // The JD's duties (AWS, on-call, mentoring) count as requirements too, so 10, not the 7 of the list alone.
    expect(strong.fitBasis.join(' ')).toMatch(/10 of 10/);
    expect(weak.gaps).toEqual(expect.arrayContaining(['node.js', 'typescript', 'postgresql']));
    expect(strong.gaps).toContain('graphql');
    expect(strong.gaps).not.toContain('node.js');
  });

  it('reads seniority from the role title and years from dated roles', () => {
    const a = backend(BACKEND_CV_STRONG);
    expect(a.seniority).toBe('senior');
    expect(a.fitBasis.join(' ')).toMatch(/About 11 years/);
  });

  it('handles "Must have:" / "Preferred:" and inline "nice to have" per sentence', () => {
    const p = analyzeApplication({ cvText: PRODUCT_CV, jobDescription: PRODUCT_JD, role: 'Product Manager', seniority: 'mid' });
    expect(p.required).toEqual(expect.arrayContaining(['a/b testing', 'product analytics', 'sql']));
    expect(p.niceToHave).toEqual(expect.arrayContaining(['user research', 'figma']));
    const flat = analyzeApplication({ cvText: 'React and TypeScript since 2020.', jobDescription: FLAT_JD, role: 'Frontend Developer', seniority: 'junior' });
    expect(flat.required).toEqual(expect.arrayContaining(['react', 'typescript', 'jest']));
    expect(flat.niceToHave).toEqual(['tailwind']);
  });

  it('without a CV gives score 0, says why, and lists requirements as gaps', () => {
    const a = backend(null);
    expect(a.fitScore).toBe(0);
    expect(a.fitBasis[0]).toMatch(/No CV/);
    expect(a.gaps).toEqual(expect.arrayContaining(a.required));
  });

  it('is deterministic', () => {
    expect(backend(BACKEND_CV_STRONG)).toEqual(backend(BACKEND_CV_STRONG));
  });
});

describe('parseJobDescription', () => {
  it('recognises markdown, colon and bare headings', () => {
    const s = parseJobDescription('## Requirements\n- Go\nNice to have:\n- Rust\nBenefits\n- Pension');
    expect(s.map((x) => x.kind)).toEqual(['required', 'nice', 'other']);
  });
});

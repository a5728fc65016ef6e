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
    // The JD's duties (AWS, on-call, mentoring) count as requirements too, and "5+ years building backend
    // services" is one in the JD's own words, which a career shows across its roles: 11, not the 7 skills of the list alone.
    expect(strong.fitBasis.join(' ')).toMatch(/11 of 11/);
    expect(strong.requirements).toContainEqual(expect.objectContaining({ skill: 'building backend services', status: 'matched' }));
    expect(weak.gaps).toContain('building backend services');
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

describe('analyzeApplication across occupations', () => {
  const run = (cvText: string, jobDescription: string, role: string, seniority: 'junior' | 'mid' | 'senior' = 'mid') =>
    analyzeApplication({ cvText, jobDescription, role, seniority, asOfYear: 2026 });

  it('rates a maths teacher applying to teach maths as a strong fit', () => {
    const a = run(
      'Maths teacher, Riverside School, 2018 – present. QTS. Plan and teach KS3 and GCSE lessons; strong behaviour management; track progress with assessment data; differentiate for SEND pupils.',
      'Teacher of Mathematics\nRequirements:\n- QTS\n- Excellent behaviour management\n- Lesson planning\n- Differentiation, including SEND\nDesirable:\n- A-level teaching',
      'Teacher of Mathematics',
    );
    expect(a.gaps).not.toContain('classroom management');
    expect(a.fitScore).toBeGreaterThanOrEqual(70);
  });

  it('rates a nurse moving into customer success as a moderate fit, not 10/100', () => {
    const a = run(
      'Registered Nurse, 2017 – present. Delivered patient education before discharge. Coordinated with doctors and families. Trained new staff on the ward system. Handled complaints from families calmly.',
      'Customer Success Manager\nRequirements:\n- Excellent communication with customers\n- Stakeholder management\n- Onboarding and training customers\n- Handling escalations\nNice to have:\n- Experience with a CRM such as Salesforce',
      'Customer Success Manager',
    );
    expect(a.cvSkills.length).toBeGreaterThan(3);
    expect(a.required).not.toContain('customer success');
    expect(a.fitScore).toBeGreaterThanOrEqual(45);
    expect(a.fitScore).toBeLessThanOrEqual(85);
  });

  it('keeps a "nice to have" skill out of the required list and treats "X or Y" as either', () => {
    const a = run(
      'Business analyst. Wrote user stories and SQL reports. Tableau dashboards.',
      'Associate Product Manager\nRequirements:\n- Writing user stories\n- SQL\n- Data visualisation (Power BI or Tableau)\nNice to have:\n- A/B testing',
      'Associate Product Manager',
      'junior',
    );
    expect(a.niceToHave).toContain('a/b testing');
    expect(a.required).not.toContain('a/b testing');
    expect(a.required).not.toContain('power bi');
    expect(a.gaps).not.toContain('data visualization');
    expect(a.gaps).toEqual(['a/b testing']);
  });

  it('shows the evidence behind inferred skills and caps the score when a required registration is missing', () => {
    const a = run(
      'Pharmacy assistant, 2020 – present. Dispensed prescriptions under supervision, served customers at the counter, ordered stock.',
      'Pharmacy Technician\nRequirements:\n- GPhC registration as a pharmacy technician\n- Dispensing\n- Customer service\n- Stock management',
      'Pharmacy Technician',
    );
    expect(a.gaps).toEqual(['gphc registration']);
    expect(a.fitScore).toBeLessThanOrEqual(60);
    expect(a.fitBasis.join(' ')).toMatch(/capped/);
  });
});

describe('per-requirement evidence', () => {
  it('lists every requirement as required or nice to have, matched or gap, with the CV line and how it was read', () => {
    const a = analyzeApplication({
      cvText: 'Backend engineer, 2018 – present.\n- Built payment services in Go.\n- Designed PostgreSQL schemas for the ledger.\n- Ran a RabbitMQ-based event pipeline.',
      jobDescription: 'Requirements:\n- Go\n- Database design\n- Event-driven architecture\n- Kubernetes\nNice to have: Kafka.',
      role: 'Backend Engineer',
      seniority: 'senior',
      asOfYear: 2026,
    });
    const row = (skill: string) => a.requirements?.find((r) => r.skill === skill);
    expect(row('go')).toEqual({ skill: 'go', importance: 'required', status: 'matched', evidence: 'Built payment services in Go.', source: 'named' });
    expect(row('database design')).toMatchObject({ status: 'matched', evidence: 'Designed PostgreSQL schemas for the ledger.', source: 'inferred' });
    expect(row('event-driven architecture')).toMatchObject({ status: 'matched', evidence: 'Ran a RabbitMQ-based event pipeline.' });
    expect(row('kubernetes')).toEqual({ skill: 'kubernetes', importance: 'required', status: 'gap', evidence: null, source: null });
    expect(row('kafka')).toEqual({ skill: 'kafka', importance: 'nice', status: 'gap', evidence: null, source: null });
    expect(a.requirements?.filter((r) => r.status === 'gap').map((r) => r.skill).sort()).toEqual([...a.gaps].sort());
  });

  it('marks every requirement a gap when there is no CV', () => {
    const a = analyzeApplication({ cvText: null, jobDescription: 'Requirements:\n- Go\n- Kubernetes', role: 'Backend Engineer', seniority: 'mid' });
    expect(a.requirements?.map((r) => [r.skill, r.status])).toEqual([['go', 'gap'], ['kubernetes', 'gap']]);
  });
});

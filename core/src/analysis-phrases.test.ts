import { describe, expect, it } from 'vitest';
import { analyzeApplication } from './analysis.js';
import { phraseEvidence, requirementsFromLine, withoutPending } from './analysis-phrases.js';

describe('requirementsFromLine', () => {
  it('names a requirement by the words left after the lead-in and the qualifiers', () => {
    expect(requirementsFromLine('Valid SIA licence')).toEqual([{ name: 'sia licence', alternatives: [], scope: 'line' }]);
    expect(requirementsFromLine('Knowledge of anti-money laundering checks is desirable')[0]?.name).toBe('anti-money laundering checks');
    expect(requirementsFromLine('Able to swim 25 metres')[0]?.name).toBe('swim');
    expect(requirementsFromLine('Knowledge of ISO 17025')[0]?.name).toBe('iso 17025');
  });

  it('takes "X or Y" and the examples a line gives as ways of meeting X', () => {
    const [r] = requirementsFromLine("2+ years' experience in a conveyancing or property law team");
    expect(r).toEqual({ name: 'conveyancing', alternatives: ['property law'], scope: 'cv' });
    expect(requirementsFromLine('3D CAD (SolidWorks or Creo)')[0]).toMatchObject({ name: '3d cad', alternatives: ['solidworks', 'creo'] });
    expect(requirementsFromLine('Legal or technical translation')[0]).toMatchObject({ name: 'legal translation', alternatives: ['technical translation'] });
  });

  it('splits two phrases joined by "and" but keeps "health and safety" whole', () => {
    expect(requirementsFromLine('Experience patrolling premises and monitoring CCTV').map((r) => r.name)).toEqual(['patrolling premises', 'monitoring cctv']);
    expect(requirementsFromLine('Health and safety in the salon, including patch tests').map((r) => r.name)).toEqual(['health and safety']);
  });

  it('reads no requirement from a sentence', () => {
    expect(requirementsFromLine('Self-motivated, able to grow your own client base and keep them coming back')).toEqual([]);
  });
});

describe('phraseEvidence', () => {
  const cv = 'Door Supervisor, 2021 – present\n- Watched CCTV and detained shoplifters.\n- HCPC registration applied for, expected September 2025.';

  it('finds the CV line that holds the requirement’s words in any inflection', () => {
    expect(phraseEvidence('monitoring cctv', cv, (s) => (s === 'cctv' ? 2 : 500))).toBe('- Watched CCTV and detained shoplifters.');
    // Without word counts every word must be there.
    expect(phraseEvidence('monitoring cctv', cv)).toBeNull();
  });

  it('does not take a lower qualification level than the one asked for', () => {
    const certs = 'AAT Level 2 Certificate in Bookkeeping, 2023.';
    expect(requirementsFromLine('AAT Level 3')[0]).toMatchObject({ name: 'aat', level: 3 });
    expect(phraseEvidence('aat', certs, null, 'line', 3)).toBeNull();
    expect(phraseEvidence('aat', certs, null, 'line', 2)).toBe(certs);
  });

  it('does not take a credential the CV says is pending as evidence', () => {
    expect(phraseEvidence('hcpc registration', cv)).toBeNull();
    expect(withoutPending('BSc Physiotherapy, 2022. HCPC registered.')).toContain('HCPC registered');
    expect(withoutPending('Help service gas boilers (I do not yet hold Gas Safe registration).')).not.toMatch(/Gas Safe/);
  });
});

describe('analyzeApplication with requirements in the JD’s own words', () => {
  it('matches them from the CV and lists the unsupported ones as gaps, with the evidence line', () => {
    const a = analyzeApplication({
      cvText: 'Vehicle Technician, 2019 – present\n- Diagnose engine faults.\nFull UK driving licence.\nHybrid vehicle course in progress.',
      jobDescription: 'Requirements:\n- Full UK driving licence\n- Hybrid vehicle qualification\n- MOT tester certificate',
      role: 'Vehicle Technician',
      seniority: 'mid',
      asOfYear: 2026,
    });
    const rows = Object.fromEntries((a.requirements ?? []).map((r) => [r.skill, r]));
    expect(rows['hybrid vehicle']?.status).toBe('gap');
    expect(rows['mot tester']?.status).toBe('gap');
    expect(a.gaps).toEqual(expect.arrayContaining(['hybrid vehicle', 'mot tester']));
    expect(a.fitScore).toBeLessThan(70);
  });
});

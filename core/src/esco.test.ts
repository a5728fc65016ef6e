import { describe, expect, it } from 'vitest';
import { analyzeApplication } from './analysis.js';
import { buildEscoKnowledge, escoLabelBlock, parseCsv, wordKey } from './esco.js';

// Rows in the wheel's layout: preferred label, alternative labels and description in one field.
const CSV = [
  'id,description',
  'http://e/1,"maintain stock control systems keep stock records maintain stock levels monitor stock control systems Keep stock control systems up to date, recording stock levels."',
  'http://e/2,"administer medication give medicines administer medicines to patients Give prescribed medicines to patients, checking doses."',
  'http://e/3,"PostgreSQL Postgres The computer program PostgreSQL is a tool for creating, updating and managing databases."',
  'http://e/5,"plan patient discharge arrange hospital discharge organise discharge of patients Plan and organise the discharge of patients from hospital."',
  'http://e/6,"write grant applications prepare grant applications draft funding bids Write applications to funders."',
  'http://e/7,"manage grant applications review grant applications Review applications to funders."',
  'http://e/4,"manage musical staff direct musical staff Assign and manage staff tasks, ""scoring"" and arranging."',
].join('\n');

describe('ESCO CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line ends', () => {
    expect(parseCsv('a,b\n1,"x, ""y""\nz"\n')).toEqual([['a', 'b'], ['1', 'x, "y"\nz']]);
  });

  it('cuts the label block before the description’s first capitalised sentence, keeping capitalised labels', () => {
    expect(escoLabelBlock('keep stock records maintain stock levels Keep stock control systems up to date.')).toBe('keep stock records maintain stock levels');
    expect(escoLabelBlock('PostgreSQL Postgres The computer program PostgreSQL is a tool.')).toBe('PostgreSQL Postgres');
  });

  it('compares inflections and derivations of a word in one form but keeps different words apart', () => {
    expect(wordKey('records')).toBe(wordKey('recorded'));
    expect(wordKey('administer')).toBe(wordKey('administration'));
    expect(wordKey('medical')).not.toBe(wordKey('medication'));
  });
});

describe('ESCO skill knowledge', () => {
  const knowledge = buildEscoKnowledge(CSV);

  it('holds one skill per row', () => {
    expect(knowledge.size).toBe(7);
  });

  it('evidences a requirement by a CV line in the wording of an ESCO skill that names it', () => {
    const stock = knowledge.evidence(['stock control'], 'Volunteer, charity shop.\nKept the stock records for the shop floor.');
    expect(stock?.line).toBe('Kept the stock records for the shop floor.');
    // "Kept" is read as "keep", so the label "keep stock records" speaks for it through either of its pairs.
    expect(['keep stock', 'stock records']).toContain(stock?.via);
    // A pair read in the other order is another thing: "design graphics" is not graphic design.
    expect(knowledge.evidence(['stock control'], 'Records of stock were my job.')).toBeNull();
    // The requirement's words in another order and form: "medication administration" ↔ "administer medicines".
    const meds = knowledge.evidence(['medication administration'], 'Carer for my grandmother: administered her medicines twice a day.');
    expect(meds?.line).toBe('Carer for my grandmother: administered her medicines twice a day.');
    expect(meds?.via.split(' ').sort()).toEqual(['administer', 'medicines']);
  });

  it('finds nothing when no ESCO skill names the requirement or no CV line uses its wording', () => {
    expect(knowledge.evidence(['stock control'], 'Served customers on the till.')).toBeNull();
    expect(knowledge.evidence(['kubernetes'], 'Kept the stock records.')).toBeNull();
  });

  it('feeds the analysis: a requirement the vocabulary cannot see in the CV is matched with the line as evidence', () => {
    const input = {
      cvText: 'Staff nurse, 2020 – present.\nArranged hospital discharges for older patients.',
      jobDescription: 'Requirements:\n- Discharge planning\n- Cash handling',
      role: 'Ward Coordinator',
      seniority: 'junior' as const,
      asOfYear: 2026,
    };
    const without = analyzeApplication(input);
    expect(without.gaps).toContain('discharge planning');
    const withEsco = analyzeApplication({ ...input, knowledge });
    expect(withEsco.gaps).not.toContain('discharge planning');
    expect(withEsco.requirements?.find((r) => r.skill === 'discharge planning')).toEqual({
      skill: 'discharge planning',
      importance: 'required',
      status: 'matched',
      evidence: 'Arranged hospital discharges for older patients.',
      source: 'esco',
    });
  });

  it('names a requirement the vocabulary does not know in the JD line’s own words when ESCO skills hold them together', () => {
    expect(knowledge.requirementPhrase('Grant applications to trusts and foundations')).toBe('grant applications');
    // Seen in one ESCO skill only, or not at all: no reading.
    expect(knowledge.requirementPhrase('Stock records for the shop')).toBeNull();
    expect(knowledge.requirementPhrase('A friendly manner')).toBeNull();
  });

  it('keeps a requirement named in the JD line’s words where the CV evidences it and lists it as a gap where nothing does', () => {
    const base = { jobDescription: 'Requirements:\n- Grant applications to trusts\n- Cash handling', role: 'Fundraising Officer', seniority: 'mid' as const, asOfYear: 2026, knowledge };
    const shown = analyzeApplication({ ...base, cvText: 'Charity assistant, 2019 – present.\nWrote grant applications to three local trusts.' });
    expect(shown.required).toEqual(['grant applications', 'cash handling']);
    expect(shown.requirements?.[0]).toMatchObject({ skill: 'grant applications', status: 'matched', evidence: 'Wrote grant applications to three local trusts.' });
    const absent = analyzeApplication({ ...base, cvText: 'Charity assistant, 2019 – present.\nRan the volunteer rota.' });
    // Evidence-based: the same matcher that found it above finds nothing here, so it is a gap, not "unjudged".
    expect(absent.required).toEqual(['grant applications', 'cash handling']);
    expect(absent.gaps).toEqual(['grant applications', 'cash handling']);
  });
});

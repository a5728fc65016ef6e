import { describe, expect, it } from 'vitest';
import { analyzeApplication } from './analysis.js';
import { buildEscoKnowledge, escoLabelBlock, parseCsv, wordKey } from './esco.js';

// Rows in the wheel's layout: preferred label, alternative labels and description in one field.
const CSV = [
  'id,description',
  'http://e/1,"maintain stock control systems keep stock records maintain stock levels monitor stock control systems Keep stock control systems up to date, recording stock levels."',
  'http://e/2,"administer medication give medicines administer medicines to patients Give prescribed medicines to patients, checking doses."',
  'http://e/3,"PostgreSQL Postgres The computer program PostgreSQL is a tool for creating, updating and managing databases."',
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
    expect(knowledge.size).toBe(4);
  });

  it('evidences a requirement by a CV line in the wording of an ESCO skill that names it', () => {
    expect(knowledge.evidence(['stock control'], 'Volunteer, charity shop.\nKept the stock records for the shop floor.')).toEqual({
      line: 'Kept the stock records for the shop floor.',
      via: 'stock records',
    });
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
      cvText: 'Care home volunteer, 2024 – present.\nHelped give residents their medicines on the evening round.',
      jobDescription: 'Requirements:\n- Medication administration\n- Cash handling',
      role: 'Care Assistant',
      seniority: 'junior' as const,
      asOfYear: 2026,
    };
    const without = analyzeApplication(input);
    expect(without.gaps).toContain('medication administration');
    const withEsco = analyzeApplication({ ...input, knowledge });
    expect(withEsco.gaps).not.toContain('medication administration');
    expect(withEsco.requirements?.find((r) => r.skill === 'medication administration')).toEqual({
      skill: 'medication administration',
      importance: 'required',
      status: 'matched',
      evidence: 'Helped give residents their medicines on the evening round.',
      source: 'esco',
    });
  });
});

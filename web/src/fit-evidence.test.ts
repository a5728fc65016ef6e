import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_CHARS, cvEvidenceLine, requirementRows } from './fit-evidence.js';

const CV = [
  'Backend engineer, 2015 - present',
  '- Built payment services in Go and Java',
  '- Designed PostgreSQL schemas for billing',
  '- Ran a RabbitMQ-based event pipeline for settlements',
].join('\n');

describe('requirementRows', () => {
  it('lists required then nice-to-have, marks gaps, and quotes the CV line for each match', () => {
    const rows = requirementRows(
      { required: ['go', 'database design', 'kafka'], niceToHave: ['kubernetes'], gaps: ['kafka', 'kubernetes'] },
      CV,
    );
    expect(rows).toEqual([
      { skill: 'go', kind: 'required', matched: true, evidence: 'Built payment services in Go and Java' },
      { skill: 'database design', kind: 'required', matched: true, evidence: 'Designed PostgreSQL schemas for billing' },
      { skill: 'kafka', kind: 'required', matched: false, evidence: null },
      { skill: 'kubernetes', kind: 'nice', matched: false, evidence: null },
    ]);
  });

  it('counts a skill listed as both required and nice-to-have once, as required', () => {
    const rows = requirementRows({ required: ['go'], niceToHave: ['go', 'java'], gaps: [] }, CV);
    expect(rows.map((r) => [r.skill, r.kind])).toEqual([
      ['go', 'required'],
      ['java', 'nice'],
    ]);
  });

  it('uses the API’s per-requirement evidence as it is when the analysis carries it', () => {
    const rows = requirementRows(
      {
        required: ['discharge planning'],
        niceToHave: ['kafka'],
        gaps: ['kafka'],
        requirements: [
          { skill: 'discharge planning', importance: 'required', status: 'matched', evidence: 'Arranged hospital discharges for older patients.' },
          { skill: 'kafka', importance: 'nice', status: 'gap', evidence: null },
        ],
      },
      CV,
    );
    expect(rows).toEqual([
      { skill: 'discharge planning', kind: 'required', matched: true, evidence: 'Arranged hospital discharges for older patients.' },
      { skill: 'kafka', kind: 'nice', matched: false, evidence: null },
    ]);
  });

  it('keeps a match without a line when there is no CV text', () => {
    expect(requirementRows({ required: ['go'], niceToHave: [], gaps: [] }, null)).toEqual([
      { skill: 'go', kind: 'required', matched: true, evidence: null },
    ]);
  });
});

describe('cvEvidenceLine', () => {
  it('quotes the whole line an inferred skill rests on, not just the matched words', () => {
    expect(cvEvidenceLine('event-driven architecture', CV)).toBe('Ran a RabbitMQ-based event pipeline for settlements');
  });

  it('finds no line for a skill the CV does not show', () => {
    expect(cvEvidenceLine('kafka', CV)).toBeNull();
  });

  it('clips a long line to a compact quote', () => {
    const line = cvEvidenceLine('go', `Wrote Go ${'services and tools '.repeat(20)}`);
    expect(line?.length).toBe(EVIDENCE_MAX_CHARS);
    expect(line?.endsWith('…')).toBe(true);
  });
});

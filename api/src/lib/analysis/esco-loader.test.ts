import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalysisService } from './index.js';
import { loadSkillKnowledge } from './esco-loader.js';

function modelsWithEsco(): string {
  const dir = mkdtempSync(join(tmpdir(), 'esco-'));
  mkdirSync(join(dir, 'esco'));
  writeFileSync(
    join(dir, 'esco', 'skills.csv'),
    'id,description\nhttp://e/1,"plan patient discharge arrange hospital discharge organise discharge of patients Plan and organise the discharge of patients from hospital."\n',
  );
  return dir;
}

const input = {
  cvText: 'Staff nurse, 2020 – present.\nArranged hospital discharges for older patients.',
  jobDescription: 'Requirements:\n- Discharge planning\n- Cash handling',
  role: 'Ward Coordinator',
  seniority: 'junior' as const,
  asOfYear: 2026,
};

describe('ESCO loader', () => {
  it('builds the knowledge from <models>/esco/skills.csv once and returns null when the set-up has not installed it', () => {
    const dir = modelsWithEsco();
    const k = loadSkillKnowledge(dir);
    expect(k?.size).toBe(1);
    expect(loadSkillKnowledge(dir)).toBe(k);
    expect(loadSkillKnowledge(join(dir, 'missing'))).toBeNull();
  });

  it('gives the offline analysis its per-requirement evidence, ESCO wording included', async () => {
    const service = createAnalysisService({ knowledge: loadSkillKnowledge(modelsWithEsco()) });
    const a = await service.analyze(input);
    expect(a.generator).toBe('offline');
    expect(a.requirements).toEqual([
      { skill: 'discharge planning', importance: 'required', status: 'matched', evidence: 'Arranged hospital discharges for older patients.', source: 'esco' },
      { skill: 'cash handling', importance: 'required', status: 'gap', evidence: null, source: null },
    ]);
    const bare = await createAnalysisService({ knowledge: null }).analyze(input);
    expect(bare.gaps).toEqual(['discharge planning', 'cash handling']);
  });
});

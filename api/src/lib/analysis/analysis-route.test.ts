// The analysis page's data over HTTP: GET /api/applications/:id/analysis answers with each requirement,
// required or nice to have, matched or gap, and the CV line behind a match, inside the declared response
// schema (the harness enforces it).
import { describe, expect, it } from 'vitest';
import { createHarness, signUp } from '../../test/harness.js';

describe('GET /api/applications/:id/analysis', () => {
  it('returns per-requirement evidence with the CV line for each match', async () => {
    const h = await createHarness();
    try {
      const { browser } = await signUp(h, 'analysis');
      const cv = 'Backend engineer, 2016 – present.\n- Built payment services in Go.\n- Designed PostgreSQL schemas for the ledger.';
      expect((await browser.request('PUT', '/api/cv', { text: cv })).status).toBe(200);
      const created = await browser.post('/api/applications', {
        company: 'Acme',
        role: 'Backend Engineer',
        seniority: 'senior',
        interviewType: 'mixed',
        jobDescription: 'Requirements:\n- Go\n- Database design\n- Kubernetes\nNice to have: Kafka.',
      });
      const { application } = (await created.json()) as { application: { id: string } };
      const res = await browser.get(`/api/applications/${application.id}/analysis`);
      expect(res.status).toBe(200);
      const { analysis } = (await res.json()) as { analysis: { gaps: string[]; requirements: { skill: string; importance: string; status: string; evidence: string | null }[] } };
      const row = (skill: string) => analysis.requirements.find((r) => r.skill === skill);
      expect(row('go')).toMatchObject({ importance: 'required', status: 'matched', evidence: 'Built payment services in Go.' });
      expect(row('database design')).toMatchObject({ importance: 'required', status: 'matched', evidence: 'Designed PostgreSQL schemas for the ledger.' });
      expect(row('kubernetes')).toMatchObject({ importance: 'required', status: 'gap', evidence: null });
      expect(row('kafka')).toMatchObject({ importance: 'nice', status: 'gap', evidence: null });
      expect(analysis.requirements.filter((r) => r.status === 'gap').map((r) => r.skill).sort()).toEqual([...analysis.gaps].sort());
    } finally {
      await h.close();
    }
  }, 120_000);
});

import { describe, it, expect } from 'vitest';
import { AdmissionControl } from './admission.js';

function request(id: string) {
  const r = { id, outcome: '' as '' | 'accepted' | 'rejected', accept: async () => void (r.outcome = 'accepted'), reject: async () => void (r.outcome = 'rejected') };
  return r;
}

describe('AdmissionControl', () => {
  it('rejects a job past the cap even when two arrive inside one load sample', async () => {
    const a = new AdmissionControl(2, () => 0.1);
    const [r1, r2, r3] = [request('a'), request('b'), request('c')];
    await a.request(r1 as never);
    await a.request(r2 as never);
    await a.request(r3 as never);
    expect([r1.outcome, r2.outcome, r3.outcome]).toEqual(['accepted', 'accepted', 'rejected']);
  });

  it('reports full load when the cap is reached, and frees a slot when a job ends', async () => {
    let t = 0;
    const a = new AdmissionControl(2, () => 0.1, () => t);
    await a.request(request('a') as never);
    await a.request(request('b') as never);
    expect(await a.load({ activeJobs: [{ job: { id: 'a' } }, { job: { id: 'b' } }] } as never)).toBe(1);
    expect(await a.load({ activeJobs: [{ job: { id: 'b' } }] } as never)).toBe(0.5);
    const r = request('c');
    await a.request(r as never);
    expect(r.outcome).toBe('accepted');
    t += 20_000;
    expect(await a.load({ activeJobs: [] } as never)).toBe(0.1);
  });
});

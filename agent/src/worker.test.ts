import { describe, expect, it } from 'vitest';
import { parseAgentEnv } from './env.js';
import { createWorkerOptions } from './worker.js';

const BASE = { AGENT_API_TOKEN: 'dev-agent-token-change-me-0123456789' };

describe('createWorkerOptions', () => {
  it('binds the health server to loopback unless AGENT_HEALTH_HOST says otherwise', () => {
    const byDefault = createWorkerOptions(parseAgentEnv({ ...BASE, AGENT_HEALTH_HOST: '' }), '/x/main.mjs');
    expect(byDefault.host).toBe('127.0.0.1');
    expect(byDefault.port).toBe(8081);
    const configured = createWorkerOptions(parseAgentEnv({ ...BASE, AGENT_HEALTH_HOST: '0.0.0.0', AGENT_HEALTH_PORT: '9000' }), '/x/main.mjs');
    expect([configured.host, configured.port]).toEqual(['0.0.0.0', 9000]);
  });

  it('dispatches the recruiter by name to the given entry, with the prewarmed processes from the environment', () => {
    const options = createWorkerOptions(parseAgentEnv({ ...BASE, AGENT_IDLE_PROCESSES: '3' }), '/x/main.mjs');
    expect(options.agent).toBe('/x/main.mjs');
    expect(options.agentName).toBe('recruiter');
    expect(options.numIdleProcesses).toBe(3);
  });
});

import { cpus } from 'node:os';
import { describe, it, expect } from 'vitest';
import { AgentEnvError, defaultMaxJobs, HOSTED_SPEECH_MAX_JOBS, LOCAL_SPEECH_JOBS_PER_CORE, parseAgentEnv } from './env.js';

const BASE = { AGENT_API_TOKEN: 'dev-agent-token-change-me-0123456789' };

describe('parseAgentEnv', () => {
  it('defaults to the offline providers with no keys, treating empty strings as unset', () => {
    const env = parseAgentEnv({ ...BASE, STT_PROVIDER: '', OPENAI_API_KEY: '', SPOOL_DIR: '' });
    expect(env.providers).toMatchObject({ sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local' });
    expect(env.providers.openaiApiKey).toBeUndefined();
    expect(env.SPOOL_DIR).toBe('.data/spool');
    expect(env.AGENT_MAX_JOBS).toBe(defaultMaxJobs(env.providers, cpus().length));
    expect(env.AGENT_IDLE_PROCESSES).toBe(2);
  });

  it('keeps at least one prewarmed job process', () => {
    expect(parseAgentEnv({ ...BASE, AGENT_IDLE_PROCESSES: '4' }).AGENT_IDLE_PROCESSES).toBe(4);
    expect(() => parseAgentEnv({ ...BASE, AGENT_IDLE_PROCESSES: '0' })).toThrow(/AGENT_IDLE_PROCESSES/);
  });

  it('defaults AGENT_TURN_TUNING to tuned, accepts stock, and rejects anything else', () => {
    expect(parseAgentEnv({ ...BASE, AGENT_TURN_TUNING: '' }).AGENT_TURN_TUNING).toBe('tuned');
    expect(parseAgentEnv({ ...BASE, AGENT_TURN_TUNING: 'stock' }).AGENT_TURN_TUNING).toBe('stock');
    expect(() => parseAgentEnv({ ...BASE, AGENT_TURN_TUNING: 'fast' })).toThrow(/AGENT_TURN_TUNING/);
  });

  it('waits two minutes for a candidate to rejoin unless AGENT_REJOIN_GRACE_SECONDS says otherwise', () => {
    expect(parseAgentEnv({ ...BASE, AGENT_REJOIN_GRACE_SECONDS: '' }).AGENT_REJOIN_GRACE_SECONDS).toBe(120);
    expect(parseAgentEnv({ ...BASE, AGENT_REJOIN_GRACE_SECONDS: '15' }).AGENT_REJOIN_GRACE_SECONDS).toBe(15);
    expect(() => parseAgentEnv({ ...BASE, AGENT_REJOIN_GRACE_SECONDS: '0' })).toThrow(/AGENT_REJOIN_GRACE_SECONDS/);
  });

  it('points a realtime stack at REALTIME_BASE_URL when set, and rejects a value that is no URL', () => {
    expect(parseAgentEnv({ ...BASE, REALTIME_BASE_URL: 'http://127.0.0.1:9000/v1' }).providers.realtimeBaseUrl).toBe('http://127.0.0.1:9000/v1');
    expect(parseAgentEnv(BASE).providers.realtimeBaseUrl).toBeUndefined();
    expect(() => parseAgentEnv({ ...BASE, REALTIME_BASE_URL: 'not a url' })).toThrow(/REALTIME_BASE_URL/);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseAgentEnv({ API_URL: 'not a url', STT_PROVIDER: 'whisperx', TTS_PROVIDER: 'elevenlabs', AGENT_MAX_JOBS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AgentEnvError);
    const problems = (error as AgentEnvError).problems.join('\n');
    expect(problems).toMatch(/AGENT_API_TOKEN/);
    expect(problems).toMatch(/API_URL/);
    expect(problems).toMatch(/AGENT_MAX_JOBS/);
    expect(problems).toMatch(/STT_PROVIDER: unknown provider "whisperx"/);
    expect(problems).toMatch(/TTS_PROVIDER=elevenlabs needs ELEVEN_API_KEY/);
    expect((error as AgentEnvError).message.split('\n').length).toBe((error as AgentEnvError).problems.length + 1);
  });
});

describe('defaultMaxJobs', () => {
  it('caps offline speech by cores, hosted speech at a fixed number', () => {
    expect(defaultMaxJobs({ sttProvider: 'local', ttsProvider: 'local' }, 2)).toBe(2 * LOCAL_SPEECH_JOBS_PER_CORE);
    expect(defaultMaxJobs({ sttProvider: 'deepgram', ttsProvider: 'espeak' }, 8)).toBe(8 * LOCAL_SPEECH_JOBS_PER_CORE);
    expect(defaultMaxJobs({ sttProvider: 'deepgram', ttsProvider: 'elevenlabs' }, 2)).toBe(HOSTED_SPEECH_MAX_JOBS);
  });

  it('an explicit AGENT_MAX_JOBS wins', () => {
    expect(parseAgentEnv({ AGENT_API_TOKEN: 'x'.repeat(16), AGENT_MAX_JOBS: '7' }).AGENT_MAX_JOBS).toBe(7);
  });
});

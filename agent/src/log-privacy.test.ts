import { afterEach, describe, expect, it } from 'vitest';
import { initializeLogger, log } from '@livekit/agents';
import { filterFrameworkLoggers, filterPersonalDataFromLogs, withoutPersonalFields } from './log-privacy.js';
import { startTextSession } from './interviewer/text-session.js';
import { makeContext, STRONG_BEHAVIOURAL_ANSWER } from './interviewer/fixtures.js';

/** Everything written to stdout while `fn` runs (the framework's logger writes there). */
async function captureStdout(fn: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

const CANARY_NAME = 'Zyxcanary Quuxfield';
const CANARY_ANSWER = `${STRONG_BEHAVIOURAL_ANSWER} My manager Wobblecanary signed it off.`;

afterEach(() => initializeLogger({ pretty: false, level: 'error' }));

describe('filterPersonalDataFromLogs', () => {
  it("keeps the candidate's name and answers out of every log line of a session, at debug level", async () => {
    initializeLogger({ pretty: false, level: 'debug' });
    filterPersonalDataFromLogs();
    const out = await captureStdout(async () => {
      const s = await startTextSession(makeContext({ candidateName: CANARY_NAME }));
      try {
        expect((await s.open()).text).toContain('Hi Zyxcanary');
        await s.answer(CANARY_ANSWER);
      } finally {
        await s.close();
      }
    });
    // The framework did log the recruiter's replies (so the check below looks at real lines)...
    expect(out).toMatch(/playout completed/);
    // ...but none of them carries the name, the answer or the fields that held them.
    expect(out).not.toMatch(/Zyxcanary|Quuxfield|Wobblecanary/);
    expect(out).not.toContain('lk.pii');
  });

  it('filters children of a logger made before the filter was installed (the job process case)', async () => {
    initializeLogger({ pretty: false, level: 'info' });
    const early = log().child({ pid: 1 });
    filterPersonalDataFromLogs();
    const out = await captureStdout(async () => {
      early.child({ jobID: 'j1' }).info({ 'lk.pii.message': 'Hi Zyxcanary', speech_id: 's1' }, 'playout completed');
      // The framework binds some personal fields to a child logger itself (the job's room name).
      early.child({ jobId: 'j2', 'lk.pii.room_name': 'Zyxcanary-room' }).info('session report');
      log().info({ 'lk.pii.transcript': 'Zyxcanary' }, 'end of user turn');
    });
    expect(out).toContain('"speech_id":"s1"');
    expect(out).toMatch(/"jobId":"j2".*session report/);
    expect(out).toContain('end of user turn');
    expect(out).not.toContain('Zyxcanary');
  });
});

describe('filterFrameworkLoggers', () => {
  it('filters a logger the framework initialises later, and the children it derives at once (the worker case)', async () => {
    filterFrameworkLoggers();
    initializeLogger({ pretty: false, level: 'info' });
    // What the framework's AgentServer does right after initializeLogger, before any of our code runs.
    const serverLogger = log().child({ version: 'x' });
    const out = await captureStdout(async () => {
      serverLogger.warn({ type: 'string', 'lk.pii.ws_data': 'Zyxcanary' }, 'received unexpected worker message type');
      log().info({ 'lk.pii.message': 'Hi Zyxcanary' }, 'playout completed');
    });
    expect(out).toContain('received unexpected worker message type');
    expect(out).toContain('playout completed');
    expect(out).not.toContain('Zyxcanary');
  });
});

describe('withoutPersonalFields', () => {
  it('drops fields with a pii segment and keeps the rest', () => {
    const obj = { 'lk.pii.message': 'x', 'lk.pii': 'y', pii: 'z', 'lk.pipeline': 1, speech_id: 's' };
    expect(withoutPersonalFields(obj)).toEqual({ 'lk.pipeline': 1, speech_id: 's' });
    expect(obj['lk.pii.message']).toBe('x');
  });
});

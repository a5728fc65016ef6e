/**
 * The conformance suite over every in-process adapter, for real: Moonshine and PocketSphinx
 * recognise speech made by the flite command line (a voice none of our TTS adapters use, so
 * neither side grades itself); Piper, Flite and eSpeak NG speak, and Moonshine transcribes what
 * they said back (the framework's own TTS suite checks its voices the same way, through an STT);
 * the rule-based interviewer answers a candidate as the session's LLM. Nothing is faked here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeLogger, llm as agentsLlm, mergeFrames } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import type { Stage } from '@mockroom/core/stacks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMoonshineFiles, defaultMoonshineDir } from '../../inference/moonshine-model.js';
import { createInterviewer } from '../../interviewer/interviewer.js';
import { makeContext } from '../../interviewer/fixtures.js';
import { buildLlm, buildStt, buildTts, DESCRIPTORS, type ProviderConfig } from '../registry.js';
import { CONFORMANCE_RUNS, describeLlmConformance, describeSttConformance, describeTtsConformance } from './suite.js';

initializeLogger({ pretty: false, level: 'warn' });
// A clear failure, not a skip: CI's set-up fetches the model, so its absence is a broken set-up.
assertMoonshineFiles(defaultMoonshineDir());

const LOCAL: ProviderConfig = { sttProvider: 'local', llmProvider: 'local', ttsProvider: 'local' };

// Moonshine's model loads once per process (20 s on a loaded two-core machine): here, not inside a test's time limit.
beforeAll(async () => {
  const listener = await buildStt({ ...LOCAL, sttProvider: 'moonshine' });
  await listener.recognize(new AudioFrame(new Int16Array(16_000), 16_000, 1, 16_000));
}, 180_000);

const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPOKEN = { text: 'Our team shipped the new payment service in three months.', words: ['team', 'payment', 'service', 'three', 'months'] };

/** The sentence in flite's slt voice as 20 ms frames at 16 kHz, followed by half a second of silence. */
const speech = (() => {
  let cached: AudioFrame[] | null = null;
  return async () => {
    if (!cached) {
      const wav = join(dir, 'spoken.wav');
      const raw = join(dir, 'spoken.raw');
      execFileSync('flite', ['-voice', 'slt', '-t', SPOKEN.text, '-o', wav]);
      execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw, 'pad', '0', '0.5']);
      const buf = readFileSync(raw);
      const pcm = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      cached = [];
      for (let i = 0; i + 320 <= pcm.length; i += 320) cached.push(new AudioFrame(pcm.slice(i, i + 320), 16_000, 1, 320));
    }
    return { frames: cached, words: SPOKEN.words, minWords: 3 };
  };
})();

describeSttConformance({ provider: 'moonshine', build: () => buildStt({ ...LOCAL, sttProvider: 'moonshine' }), speech });
describeSttConformance({ provider: 'pocketsphinx', build: () => buildStt({ ...LOCAL, sttProvider: 'pocketsphinx' }), speech });

const QUESTION = 'Tell me about a project you led and what you measured.';
const QUESTION_WORDS = ['tell', 'me', 'about', 'project', 'you', 'led', 'what', 'measured'];

/** Moonshine's transcript of a voice's audio must hold most of the question's words. */
async function heardBack(frames: AudioFrame[]): Promise<void> {
  const listener = await buildStt({ ...LOCAL, sttProvider: 'moonshine' });
  const event = await listener.recognize(mergeFrames(frames));
  const heard = new Set((event.alternatives?.[0]?.text ?? '').toLowerCase().match(/[a-z']+/g) ?? []);
  expect(QUESTION_WORDS.filter((w) => heard.has(w)).length).toBeGreaterThanOrEqual(5);
  await listener.close();
}

for (const id of ['piper', 'flite', 'espeak'] as const) {
  describeTtsConformance({ provider: id, build: () => buildTts({ ...LOCAL, ttsProvider: id }), text: QUESTION, verify: heardBack });
}

describeLlmConformance({
  provider: 'rules',
  build: async () => {
    const interviewer = createInterviewer(makeContext(), { llmProvider: 'local' });
    return buildLlm(LOCAL, () => interviewer.ownLlm());
  },
  chatCtx: () => {
    const ctx = agentsLlm.ChatContext.empty();
    ctx.addMessage({ role: 'user', content: 'I am ready to start.' });
    return ctx;
  },
  // The rule interviewer follows its plan: any answer is a sentence of its own, never empty.
  verify: (text) => expect(text.trim().split(/\s+/).length).toBeGreaterThan(3),
  reportsTokens: false,
});

describe('offline conformance coverage', () => {
  it('runs the suite for every stage of every in-process provider', () => {
    const missing: string[] = [];
    for (const d of DESCRIPTORS.filter((x) => x.info.hosting === 'in-process')) {
      for (const stage of Object.keys(d.info.stages) as Stage[]) {
        if (!CONFORMANCE_RUNS.has(`${d.info.id}:${stage}`)) missing.push(`${d.info.id}:${stage}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

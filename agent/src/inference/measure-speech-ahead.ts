/**
 * Usage (from agent/): npx tsx src/inference/measure-speech-ahead.ts [rounds]
 *
 * What synthesis ahead (docs/decisions/022-speech-ahead-and-short-greeting.md) saves in the TTS stage alone: the
 * rule interviewer's usual reply (a plain acknowledgement, then the next planned question) is
 * pushed into the voice's stream as the session does, and the time from the push to its first
 * audio frame is taken with nothing rendered ahead, then with both sentences prefetched while
 * "the candidate speaks" (the test waits until the renders are done). Piper joe in this process
 * and Flite kal; the fixture plan's questions; the load average beside each figure.
 */
import { loadavg } from 'node:os';
import { initializeLogger, tts } from '@livekit/agents';
import { TEST_PLAN } from '../interviewer/fixtures.js';
import { FliteTTS } from '../providers/local/flite-tts.js';
import type { LocalTTS } from '../providers/local/local-tts.js';
import { inProcessPiper } from '../providers/local/piper-service.js';
import { PiperTTS } from '../providers/local/piper-tts.js';

initializeLogger({ pretty: false, level: 'error' });
const rounds = Number(process.argv[2] ?? 4);
const ACK = 'Thank you, that was a clear answer.';

async function firstAudioMs(voice: LocalTTS, text: string): Promise<number> {
  const stream = voice.stream();
  const t0 = performance.now();
  stream.pushText(text);
  stream.endInput();
  let first = Number.NaN;
  for await (const a of stream) {
    if (a === tts.SynthesizeStream.END_OF_STREAM) break;
    if (Number.isNaN(first)) first = performance.now() - t0;
  }
  return first;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

for (const [name, voice] of [
  ['piper-joe', new PiperTTS({ backend: inProcessPiper() })],
  ['flite-kal', new FliteTTS({ voice: 'kal' })],
] as const) {
  await firstAudioMs(voice, 'Warm up.');
  const cold: number[] = [];
  const ahead: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const question = TEST_PLAN.questions[i % TEST_PLAN.questions.length]!.text;
    loads.push(loadavg()[0]!);
    cold.push(await firstAudioMs(voice, `${ACK} ${question}`));
    voice.prefetch([question, ACK]);
    // The candidate's answer: several seconds, in which the renders ahead finish.
    await voice.ahead.idle();
    ahead.push(await firstAudioMs(voice, `${ACK} ${question}`));
  }
  console.log(
    JSON.stringify({
      voice: name,
      rounds,
      firstAudioMs: { renderedNow: cold.map(Math.round), renderedAhead: ahead.map(Math.round) },
      medianMs: { renderedNow: Math.round(median(cold)), renderedAhead: Math.round(median(ahead)) },
      hits: voice.ahead.stats.hits,
      load1: loads.map((l) => +l.toFixed(1)),
    }),
  );
}
process.exit(0);

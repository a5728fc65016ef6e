/**
 * Usage (from agent/): npx tsx src/inference/measure-greeting.ts [style]
 *
 * How long the rule interviewer's opening takes to say: the disclosure (introduction()) and the
 * first question, rendered by Flite kal (the default local voice) and Piper joe (in this process),
 * each sentence silence-trimmed as LocalTTS does, summed as seconds of audio. The fixture plan
 * and fictional candidate (agent/src/interviewer/fixtures.ts) stand in for a real interview.
 * Prints one JSON line per voice with the machine's load average beside it.
 */
import { loadavg } from 'node:os';
import { initializeLogger } from '@livekit/agents';
import type { InterviewStyle } from '@mockroom/core';
import { InterviewBrain } from '../interviewer/brain.js';
import { makeContext, TEST_PLAN } from '../interviewer/fixtures.js';
import { PlanTracker } from '../interviewer/plan-tracker.js';
import { FliteTTS } from '../providers/local/flite-tts.js';
import type { LocalTTS } from '../providers/local/local-tts.js';
import { PiperTTS } from '../providers/local/piper-tts.js';
import { inProcessPiper } from '../providers/local/piper-service.js';
import { splitSentences } from '../providers/local/sentence-splitter.js';

initializeLogger({ pretty: false, level: 'error' });

const style = (process.argv[2] ?? 'neutral') as InterviewStyle;
// Five minutes, as the interviews issue 12 timed (22–25 s of greeting).
const ctx = makeContext({ plan: { ...TEST_PLAN, style }, timeBoxSeconds: 300 });
const brain = new InterviewBrain({
  candidateName: ctx.candidateName,
  company: ctx.company,
  role: ctx.role,
  timeBoxMs: ctx.timeBoxSeconds * 1000,
  tracker: new PlanTracker(ctx.plan),
});
const disclosure = brain.introduction();
const question = brain.proactive().sentences;

async function seconds(tts: LocalTTS, sentences: string[]): Promise<number> {
  let samples = 0;
  for (const s of splitSentences(sentences.join(' '))) samples += (await tts.renderSentence(s)).length;
  return samples / tts.sampleRate;
}

const voices: [string, LocalTTS][] = [
  ['flite-kal', new FliteTTS({ voice: 'kal' })],
  ['piper-joe', new PiperTTS({ backend: inProcessPiper() })],
];
for (const [voice, tts] of voices) {
  const disclosureS = await seconds(tts, disclosure);
  const questionS = await seconds(tts, question);
  console.log(
    JSON.stringify({
      voice,
      style,
      disclosureSentences: disclosure.length,
      disclosureS: +disclosureS.toFixed(2),
      firstQuestionS: +questionS.toFixed(2),
      greetingS: +(disclosureS + questionS).toFixed(2),
      load1: +loadavg()[0]!.toFixed(1),
    }),
  );
}
process.exit(0);

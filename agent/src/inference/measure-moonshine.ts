/**
 * Usage (from agent/): npx tsx src/inference/measure-moonshine.ts wer [noise] [v] | tail
 *
 * The numbers behind docs/decisions/010-moonshine-streaming.md, on the real model in-process:
 * `wer` — word error rate per voice (Flite slt/kal/awb/rms, eSpeak NG) on 8 interview sentences,
 * with `noise` also with pink noise at 15 dB SNR, plus decode time per segment and RTF; `tail` —
 * Flite awb answers pushed in real time, end of speech → last final transcript. Prints JSON lines;
 * `v` prints the transcripts too (synthetic sentences, no personal data).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeLogger, stt } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { corpusWordErrorRate } from './word-error-rate.js';
import { inProcessMoonshine, inProcessTranscriber, type MoonshineTranscriber } from './moonshine-service.js';
import { MoonshineSTT } from '../providers/local/moonshine-stt.js';
initializeLogger({ pretty: false, level: 'error' });
const S = [
  'I led a team of five engineers that rebuilt our billing service.',
  'The main reason I left was that I wanted more ownership of the product.',
  'We measured the error rate every week and cut it in half within three months.',
  'When the deadline moved up, I split the work into smaller pieces and shipped the riskiest part first.',
  'My manager asked me to look at the onboarding flow, because new customers were dropping out.',
  'I disagreed with the design at first, but after we tested it with users I changed my mind.',
  'The hardest part was convincing the other teams to change their release schedule.',
  'In the end we moved the whole system to Postgres without any downtime.',
];
const D = mkdtempSync(join(tmpdir(), 'moonshine-measure-'));
const voices: Record<string, (t: string, w: string) => void> = {
  'flite-slt': (t, w) => execFileSync('flite', ['-voice', 'slt', '-t', t, '-o', w]),
  'flite-kal': (t, w) => execFileSync('flite', ['-voice', 'kal', '-t', t, '-o', w]),
  'flite-awb': (t, w) => execFileSync('flite', ['-voice', 'awb', '-t', t, '-o', w]),
  'flite-rms': (t, w) => execFileSync('flite', ['-voice', 'rms', '-t', t, '-o', w]),
  'espeak-ng': (t, w) => execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', w, t]),
};
function pcm16(wav: string): Int16Array {
  const raw = wav + '.raw';
  execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
  const b = readFileSync(raw);
  return new Int16Array(b.buffer, b.byteOffset, b.byteLength / 2);
}
function withPink(pcm: Int16Array, snrDb: number, seed: number): Int16Array {
  const w = `${D}/pink-${seed}.wav`;
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', w, 'synth', String(pcm.length / 16000 + 1.2), 'pinknoise', 'vol', '0.3']);
  const n = pcm16(w);
  // speech power over frames above -40 dBFS (active speech), noise power overall
  let sp = 0, sn = 0, cnt = 0;
  for (let i = 0; i + 320 <= pcm.length; i += 320) { let e = 0; for (let k = 0; k < 320; k++) e += (pcm[i + k]! / 32768) ** 2; e /= 320; if (10 * Math.log10(e + 1e-12) > -40) { sp += e; cnt++; } }
  sp /= Math.max(1, cnt);
  for (let i = 0; i < n.length; i++) sn += (n[i]! / 32768) ** 2; sn /= n.length;
  const g = Math.sqrt(sp / (sn * 10 ** (snrDb / 10)));
  const out = new Int16Array(pcm.length + 8000 + 8000);
  for (let i = 0; i < out.length; i++) { const s = (i >= 8000 && i - 8000 < pcm.length ? pcm[i - 8000]! : 0) + g * (n[i] ?? 0); out[i] = Math.max(-32768, Math.min(32767, Math.round(s))); }
  return out;
}
const segTimes: { audioS: number; ms: number; tokens: number; queuedMs: number }[] = [];
const timed: MoonshineTranscriber = { async transcribe(p, v) { const t = performance.now(); const r = await inProcessTranscriber().transcribe(p, v); segTimes.push({ audioS: p.length / 16000, ms: performance.now() - t, tokens: r.tokens, queuedMs: r.queuedMs }); return r; } };
async function run(pcm: Int16Array, realtime: boolean) {
  const eng = new MoonshineSTT({ transcriber: timed, interimEveryMs: 0 });
  const st = eng.stream();
  const pad = new Int16Array(pcm.length + 16000); pad.set(pcm);
  let lastSpeechAt = 0; const finals: string[] = []; let lastFinalAt = 0;
  const reader = (async () => { for await (const ev of st) if (ev.type === stt.SpeechEventType.FINAL_TRANSCRIPT) { finals.push(ev.alternatives![0]!.text); lastFinalAt = performance.now(); } })();
  const t0 = performance.now();
  for (let i = 0; i < pad.length; i += 320) {
    const c = pad.slice(i, i + 320); st.pushFrame(new AudioFrame(c, 16000, 1, c.length));
    if (i + 320 >= pcm.length && lastSpeechAt === 0) lastSpeechAt = performance.now();
    if (realtime) { const due = t0 + ((i + 320) / 16000) * 1000; const w = due - performance.now(); if (w > 0) await new Promise((r) => setTimeout(r, w)); }
  }
  st.endInput(); await reader;
  return { text: finals.join(' '), tailMs: lastFinalAt - lastSpeechAt };
}
await inProcessMoonshine().ready();
const mode = process.argv[2] ?? 'wer';
if (mode === 'wer') {
  for (const [name, synth] of Object.entries(voices)) {
    const clean: { reference: string; hypothesis: string }[] = []; const noisy: typeof clean = [];
    for (const [k, s] of S.entries()) {
      const w = `${D}/${name}-${k}.wav`; synth(s, w); const p = pcm16(w);
      clean.push({ reference: s, hypothesis: (await run(p, false)).text });
      if (process.argv[3] === 'noise') noisy.push({ reference: s, hypothesis: (await run(withPink(p, 15, k), false)).text });
    }
    console.log(JSON.stringify({ voice: name, werClean: +corpusWordErrorRate(clean).toFixed(3), werNoisy15dB: noisy.length ? +corpusWordErrorRate(noisy).toFixed(3) : null, load1: loadavg()[0] }));
    if (process.argv[4] === 'v') console.log(JSON.stringify({ clean, noisy }));
  }
  const tot = segTimes.reduce((a, s) => ({ a: a.a + s.audioS, m: a.m + s.ms }), { a: 0, m: 0 });
  const sorted = segTimes.map((s) => s.ms).sort((a, b) => a - b);
  console.log(JSON.stringify({ segments: segTimes.length, meanSegS: +(tot.a / segTimes.length).toFixed(2), rtf: +(tot.m / 1000 / tot.a).toFixed(3), p50ms: Math.round(sorted[Math.floor(sorted.length / 2)]!), p95ms: Math.round(sorted[Math.floor(sorted.length * 0.95)]!), msPerToken: +(tot.m / segTimes.reduce((n, s) => n + s.tokens + 1, 0)).toFixed(1) }));
} else {
  // tail latency: real-time push, end of speech -> last final
  const tails: number[] = [];
  for (const [k, s] of S.entries()) { const w = `${D}/rt-${k}.wav`; voices['flite-awb']!(s, w); const r = await run(pcm16(w), true); tails.push(Math.round(r.tailMs)); }
  console.log(JSON.stringify({ tailsMs: tails, load1: loadavg()[0] }));
  console.log(JSON.stringify(segTimes));
}
console.log('rss MB', Math.round(process.memoryUsage().rss / 1e6));

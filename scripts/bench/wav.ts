/**
 * The candidate's speech: Flite renders each sentence, sox resamples it to 48 kHz mono, and the
 * trailing silence is cut off so the last sample is the known end of speech. Files are cached
 * by content hash in bench/.cache (git-ignored); nothing is downloaded.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { speechBounds } from './energy.js';

const run = promisify(execFile);

export const BENCH_SAMPLE_RATE = 48_000;
/** Windows quieter than this count as silence when trimming (Flite's silence is digital zero). */
export const TRIM_THRESHOLD_DBFS = -50;

export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

export class SpeechSynthesisError extends Error {
  override name = 'SpeechSynthesisError';
}

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/** Reads a 16-bit PCM mono WAV (RIFF, any chunk order). */
export function parseWav(buf: Buffer): Pcm {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
      if (format !== 1 && format !== 0xfffe) throw new WavFormatError(`unsupported WAV format ${format}`);
    } else if (id === 'data') {
      if (bits !== 16 || channels !== 1) throw new WavFormatError(`want 16-bit mono, got ${bits}-bit ${channels} channels`);
      // sox may write a data size larger than what follows when it streams; trust the buffer.
      const end = Math.min(buf.length, body + size);
      const samples = new Int16Array((end - body) >> 1);
      for (let i = 0; i < samples.length; i += 1) samples[i] = buf.readInt16LE(body + i * 2);
      return { sampleRate, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new WavFormatError('no data chunk');
}

export function encodeWav(pcm: Pcm): Buffer {
  const data = pcm.samples.length * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + data, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(pcm.sampleRate, 24);
  buf.writeUInt32LE(pcm.sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(data, 40);
  for (let i = 0; i < pcm.samples.length; i += 1) buf.writeInt16LE(pcm.samples[i]!, 44 + i * 2);
  return buf;
}

/** One answer the bot speaks. Times are ms from the first sample. */
export interface Utterance {
  text: string;
  sampleRate: number;
  /** Ends exactly at the end of speech: the pump sends digital silence after it. */
  samples: Int16Array;
  durationMs: number;
  /** For answers with a deliberate mid-sentence pause: where the pause sits. */
  pause?: { startMs: number; endMs: number };
}

/** Cuts leading and trailing silence; throws if the buffer holds no speech at all. */
export function trimSilence(pcm: Pcm, thresholdDbfs = TRIM_THRESHOLD_DBFS): Pcm {
  const bounds = speechBounds(pcm.samples, pcm.sampleRate, thresholdDbfs);
  if (!bounds) throw new SpeechSynthesisError('synthesised audio contains no speech');
  const start = Math.floor((bounds.startMs / 1000) * pcm.sampleRate);
  const end = Math.ceil((bounds.endMs / 1000) * pcm.sampleRate);
  return { sampleRate: pcm.sampleRate, samples: pcm.samples.slice(start, end) };
}

export function toUtterance(text: string, pcm: Pcm): Utterance {
  return { text, sampleRate: pcm.sampleRate, samples: pcm.samples, durationMs: (pcm.samples.length / pcm.sampleRate) * 1000 };
}

/** Two spoken parts joined by `pauseMs` of digital silence: the Q1 answer with a thinking pause. */
export function joinWithPause(first: Utterance, second: Utterance, pauseMs: number): Utterance {
  if (first.sampleRate !== second.sampleRate) throw new WavFormatError('parts differ in sample rate');
  const gap = Math.round((pauseMs / 1000) * first.sampleRate);
  const samples = new Int16Array(first.samples.length + gap + second.samples.length);
  samples.set(first.samples, 0);
  samples.set(second.samples, first.samples.length + gap);
  const startMs = first.durationMs;
  return {
    text: `${first.text} … ${second.text}`,
    sampleRate: first.sampleRate,
    samples,
    durationMs: (samples.length / first.sampleRate) * 1000,
    pause: { startMs, endMs: startMs + pauseMs },
  };
}

export interface SynthesisOptions {
  cacheDir: string;
  voice?: string;
}

/** Flite → sox (48 kHz mono 16-bit) → trimmed utterance, cached by (voice, text). */
export async function synthesize(text: string, opts: SynthesisOptions): Promise<Utterance> {
  const voice = opts.voice ?? 'slt';
  mkdirSync(opts.cacheDir, { recursive: true });
  const key = createHash('sha256').update(`${voice}\n${BENCH_SAMPLE_RATE}\n${text}`).digest('hex').slice(0, 24);
  const out = join(opts.cacheDir, `${key}.wav`);
  if (!existsSync(out)) {
    const raw = join(opts.cacheDir, `${key}.flite.wav`);
    const tmp = join(opts.cacheDir, `${key}.${process.pid}.tmp.wav`);
    try {
      await run('flite', ['-voice', voice, '-t', text, '-o', raw]);
      await run('sox', [raw, '-r', String(BENCH_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', tmp]);
    } catch (err) {
      throw new SpeechSynthesisError(`flite/sox failed (are the Debian packages flite and sox installed?): ${(err as Error).message}`);
    }
    renameSync(tmp, out);
  }
  return toUtterance(text, trimSilence(parseWav(readFileSync(out))));
}

/** Answers a candidate might give; long enough to sound like an answer, short enough for many turns. */
export const ANSWERS: readonly string[] = [
  'I led the migration of our billing service to TypeScript and cut incidents by half.',
  'We used PostgreSQL with careful indexing, and I wrote most of the query layer.',
  'I designed a REST API for partner integrations and documented it with OpenAPI.',
  'When a deploy failed, I rolled back first and then wrote a postmortem with the team.',
  'I prefer small pull requests, because reviews are faster and mistakes are easier to spot.',
  'My biggest project was a job queue that processed two million events a day.',
  'I disagreed with a design once, so I built a quick prototype and we compared the numbers.',
  'I mentor two junior engineers and we pair on the hardest tickets every week.',
  'For testing I rely on integration tests against a real database, not mocks.',
  'I would shard the table by customer and keep the hot rows in memory.',
];

/** Q1 answers: a clause, a 700 ms thinking pause mid-sentence, then the rest. */
export const PAUSED_ANSWERS: readonly (readonly [string, string])[] = [
  ['The main reason we chose Postgres was', 'that our data was relational and we needed transactions.'],
  ['When I joined the team, the first thing I did was', 'read every incident report from the last year.'],
  ['The hardest bug I fixed was in', 'a race condition between two workers writing the same row.'],
  ['I think a good code review should', 'focus on design first and style last.'],
  ['To reduce latency we', 'cached the results and moved the slow work into a background job.'],
];

/** Q2: the candidate cuts in while the recruiter is still talking. */
export const BARGE_IN = 'Sorry, can I ask you to repeat that question please?';

/**
 * Speech metrics from transcript timings. Only voice turns count toward rates, pauses, talk
 * ratio and latency: a typed answer's timestamps measure typing, not speaking. Answer lengths
 * include typed answers, since they are answers all the same.
 */
import type { SpeechMetrics } from './report.js';
import type { TurnRecord } from './wire.js';

/** A silence longer than this before or inside an answer counts as a long pause. */
export const LONG_PAUSE_MS = 3000;

/**
 * Filler words and phrases. "like" counts only when set off by commas (", like,"), because as a
 * verb or preposition it is not a filler.
 */
export const FILLER_WORDS = ['um', 'umm', 'uh', 'uhm', 'erm', 'er', 'ah', 'hmm', 'like', 'you know', 'i mean', 'basically', 'literally', 'sort of', 'kind of'] as const;

const FILLER_RE = /\b(umm?|uhm|uh|erm|er|ah|hmm+|you know|i mean|basically|literally|sort of|kind of)\b|(?:^|,)\s*(like)\s*,/gi;

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

export function countFillers(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(FILLER_RE)) {
    let word = (m[1] ?? m[2] ?? '').toLowerCase();
    if (/^hmm+$/.test(word)) word = 'hmm';
    if (!word) continue;
    out[word] = (out[word] ?? 0) + 1;
  }
  return out;
}

function ms(iso: string): number {
  return Date.parse(iso);
}

function duration(t: TurnRecord): number {
  return Math.max(0, ms(t.endedAt) - ms(t.startedAt));
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Turns in spoken order: by sequence, then start time. */
export function orderTurns(turns: TurnRecord[]): TurnRecord[] {
  return [...turns].sort((a, b) => a.sequence - b.sequence || ms(a.startedAt) - ms(b.startedAt));
}

/** Candidate answers: runs of consecutive candidate turns between recruiter turns. */
export function groupAnswers(turns: TurnRecord[]): TurnRecord[][] {
  const answers: TurnRecord[][] = [];
  let current: TurnRecord[] | null = null;
  for (const t of orderTurns(turns)) {
    if (t.speaker === 'candidate') {
      if (!current) answers.push((current = []));
      current.push(t);
    } else current = null;
  }
  return answers;
}

export function computeSpeechMetrics(turns: TurnRecord[]): SpeechMetrics {
  const ordered = orderTurns(turns);
  const candidate = ordered.filter((t) => t.speaker === 'candidate');
  const voice = candidate.filter((t) => t.source === 'voice');

  let voiceWords = 0;
  let voiceMs = 0;
  const fillers: Record<string, number> = {};
  for (const t of voice) {
    voiceWords += countWords(t.text);
    voiceMs += duration(t);
    for (const [w, n] of Object.entries(countFillers(t.text))) fillers[w] = (fillers[w] ?? 0) + n;
  }
  const fillerCount = Object.values(fillers).reduce((a, b) => a + b, 0);
  // Below a second of speech the rate is noise, not a measurement.
  const wordsPerMinute = voiceMs >= 1000 ? round(voiceWords / (voiceMs / 60_000)) : null;

  let recruiterMs = 0;
  for (const t of ordered) if (t.speaker === 'recruiter') recruiterMs += duration(t);
  const talkTotal = voiceMs + recruiterMs;
  const talkRatio = talkTotal > 0 ? round(voiceMs / talkTotal, 3) : null;

  let longPauses = 0;
  const latencies: number[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const cur = ordered[i]!;
    if (cur.speaker !== 'candidate' || cur.source !== 'voice' || prev.source === 'typed') continue;
    const gap = ms(cur.startedAt) - ms(prev.endedAt);
    if (gap > LONG_PAUSE_MS) longPauses++;
    if (prev.speaker === 'recruiter') latencies.push(Math.max(0, gap));
  }
  const latency = median(latencies);

  const answerWords = groupAnswers(ordered).map((a) => a.reduce((n, t) => n + countWords(t.text), 0));
  return {
    wordsPerMinute,
    fillerCount,
    fillerRate: voiceWords ? round((fillerCount / voiceWords) * 100, 2) : 0,
    fillers,
    longPauses,
    talkRatio,
    responseLatencyMsMedian: latency === null ? null : Math.round(latency),
    answerWordsMean: answerWords.length ? round(answerWords.reduce((a, b) => a + b, 0) / answerWords.length) : 0,
    answerWordsMax: answerWords.length ? Math.max(...answerWords) : 0,
  };
}

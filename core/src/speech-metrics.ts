import type { SpeechMetrics } from './report.js';
import type { TurnRecord } from './wire.js';

export const LONG_PAUSE_MS = 3000;
export const FILLER_WORDS = ['um', 'uh', 'erm', 'like', 'you know', 'basically', 'actually', 'sort of', 'kind of'] as const;

export function computeSpeechMetrics(turns: TurnRecord[]): SpeechMetrics {
  void turns;
  return { wordsPerMinute: null, fillerCount: 0, fillerRate: 0, fillers: {}, longPauses: 0, talkRatio: null, responseLatencyMsMedian: null, answerWordsMean: 0, answerWordsMax: 0 };
}

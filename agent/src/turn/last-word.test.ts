import { describe, expect, it } from 'vitest';
import { transcriptEnding, words } from './last-word.js';

// Our own sentences, none from the benchmark (scripts/bench/wav.ts): where a candidate stops to
// think mid-sentence, and where a spoken answer ends.
const STOPPED_MID_SENTENCE = [
  'the reason I left my last job was',
  'we moved everything to',
  'my manager asked me to look at the',
  'I spent most of my time on the front end and',
  'the service crashed because',
  'I would describe my style as',
  'what I liked about the project is',
  'so we decided that the best option would be',
  'honestly I think um',
  'then we rewrote it in Rust but',
  'I have been working with their',
  'after a while they',
  "I'm",
  'we measured it and it was very',
  'the first step in any incident should',
  'the deadline was in',
  'it depends on whether',
  'we were able to cut costs by',
];

const FINISHED = [
  'I have five years of experience with Python',
  'we shipped it on time',
  'the biggest challenge was scaling the database',
  'I learned a lot from that',
  'yes I would',
  'as fast as we could',
  "that's what it is",
  'that was the hardest part for me',
  'I think so',
  'it took about three months',
  'I enjoy working with people who care about quality',
  'we fixed it the same day.',
  'no',
  'I led a team of four',
  'it was',
  'that is who I worked with',
];

describe('transcriptEnding', () => {
  it.each(STOPPED_MID_SENTENCE)('unfinished: "%s"', (text) => {
    expect(transcriptEnding(text)).toBe('unfinished');
  });

  it.each(FINISHED)('open: "%s"', (text) => {
    expect(transcriptEnding(text)).toBe('open');
  });

  it('an auxiliary is unfinished after a noun, an ellipsis after a pronoun', () => {
    expect(transcriptEnding('the plan was')).toBe('unfinished');
    expect(transcriptEnding('yes it was')).toBe('open');
    expect(transcriptEnding('a good engineer should')).toBe('unfinished');
    expect(transcriptEnding('I think we should')).toBe('open');
  });

  it('nothing to judge without words', () => {
    expect(transcriptEnding('')).toBe('none');
    expect(transcriptEnding('  ... ')).toBe('none');
  });

  it('reads the last word whatever the case, punctuation or apostrophe style', () => {
    expect(transcriptEnding('We moved to THE')).toBe('unfinished');
    expect(transcriptEnding('And then, uh...')).toBe('unfinished');
    expect(transcriptEnding('I’m')).toBe('unfinished');
    expect(words("It's 'done'")).toEqual(["it's", 'done']);
  });
});

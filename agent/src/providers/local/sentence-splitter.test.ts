import { describe, expect, it } from 'vitest';
import { SentenceSplitter, splitSentences } from './sentence-splitter.js';

describe('SentenceSplitter', () => {
  it('releases a sentence as soon as the space after its full stop arrives', () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push('Thanks for')).toEqual([]);
    expect(splitter.push(' joining today.')).toEqual([]);
    expect(splitter.push(' Could')).toEqual(['Thanks for joining today.']);
    expect(splitter.push(' you start?')).toEqual([]);
    expect(splitter.flush()).toEqual(['Could you start?']);
    expect(splitter.flush()).toEqual([]);
  });

  it('does not split after titles, initials or decimals', () => {
    expect(splitSentences('I spoke with Dr. Smith and J. Doe about version 2.5 today. Then we left!')).toEqual([
      'I spoke with Dr. Smith and J. Doe about version 2.5 today.',
      'Then we left!',
    ]);
  });

  it('splits on question marks, exclamation marks, closing quotes and newlines', () => {
    expect(splitSentences('Really? "Yes." Great!\nNext line')).toEqual(['Really?', '"Yes."', 'Great!', 'Next line']);
  });
});

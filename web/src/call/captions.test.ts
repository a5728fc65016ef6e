import { describe, expect, it } from 'vitest';
import { captionsReducer, initialCaptions, MAX_CAPTIONS, visibleCaptions, type CaptionEvent, type CaptionState } from './captions.js';

const run = (events: CaptionEvent[], from: CaptionState = initialCaptions) => events.reduce(captionsReducer, from);

describe('captionsReducer', () => {
  it('appends delta chunks of one recruiter stream and marks the segment final on close', () => {
    const s = run([
      { type: 'open', streamId: 's1', segmentId: 'seg1', speaker: 'recruiter', final: true, at: 1 },
      { type: 'chunk', streamId: 's1', text: 'Hello, ' },
      { type: 'chunk', streamId: 's1', text: 'tell me about yourself.' },
    ]);
    expect(s.captions).toEqual([expect.objectContaining({ id: 'seg1', text: 'Hello, tell me about yourself.', final: false })]);
    const closed = captionsReducer(s, { type: 'close', streamId: 's1' });
    expect(closed.captions[0]!.final).toBe(true);
    expect(closed.streams).toEqual({});
  });

  it('replaces a candidate segment with each new interim stream, then the final one', () => {
    const s = run([
      { type: 'open', streamId: 'a', segmentId: 'u1', speaker: 'candidate', final: false, at: 1 },
      { type: 'chunk', streamId: 'a', text: 'I built' },
      { type: 'close', streamId: 'a' },
      { type: 'open', streamId: 'b', segmentId: 'u1', speaker: 'candidate', final: false, at: 2 },
      { type: 'chunk', streamId: 'b', text: 'I built a payments' },
      { type: 'close', streamId: 'b' },
      { type: 'open', streamId: 'c', segmentId: 'u1', speaker: 'candidate', final: true, at: 3 },
      { type: 'chunk', streamId: 'c', text: 'I built a payments API in TypeScript' },
      { type: 'close', streamId: 'c' },
    ]);
    expect(s.captions).toHaveLength(1);
    expect(s.captions[0]).toMatchObject({ speaker: 'candidate', text: 'I built a payments API in TypeScript', final: true, at: 1 });
  });

  it('keeps segments in arrival order and ignores chunks of unknown streams', () => {
    const s = run([
      { type: 'open', streamId: 's1', segmentId: 'r1', speaker: 'recruiter', final: true, at: 1 },
      { type: 'chunk', streamId: 's1', text: 'Question one?' },
      { type: 'chunk', streamId: 'nope', text: 'stray' },
      { type: 'typed', id: 't1', text: 'My typed answer', at: 2 },
    ]);
    expect(s.captions.map((c) => [c.speaker, c.text, c.typed])).toEqual([
      ['recruiter', 'Question one?', false],
      ['candidate', 'My typed answer', true],
    ]);
  });

  it('settles a recruiter line when its stream closes, though the agent never marks it final', () => {
    const s = run([
      { type: 'open', streamId: 's1', segmentId: 'r1', speaker: 'recruiter', final: false, at: 1 },
      { type: 'chunk', streamId: 's1', text: 'Tell me about a project.' },
    ]);
    expect(s.captions[0]!.final).toBe(false);
    expect(captionsReducer(s, { type: 'close', streamId: 's1' }).captions[0]!.final).toBe(true);
  });

  it('keeps a candidate interim open across its own stream closes until the final text or a new segment', () => {
    const s = run([
      { type: 'open', streamId: 'a', segmentId: 'u1', speaker: 'candidate', final: false, at: 1 },
      { type: 'chunk', streamId: 'a', text: 'I built' },
      { type: 'close', streamId: 'a' },
    ]);
    expect(s.captions[0]!.final).toBe(false);
    const next = run([{ type: 'open', streamId: 'b', segmentId: 'u2', speaker: 'candidate', final: false, at: 5 }], s);
    expect(next.captions.find((c) => c.id === 'u1')!.final).toBe(true);
  });

  it('shows captions in the order their speech started', () => {
    const s = run([
      { type: 'open', streamId: 's1', segmentId: 'r1', speaker: 'recruiter', final: false, at: 20 },
      { type: 'chunk', streamId: 's1', text: 'Next question.' },
      { type: 'open', streamId: 'a', segmentId: 'u1', speaker: 'candidate', final: true, at: 19 },
      { type: 'chunk', streamId: 'a', text: 'And that was it.' },
    ]);
    expect(visibleCaptions(s).map((c) => c.id)).toEqual(['u1', 'r1']);
  });

  it('hides segments that have no text yet', () => {
    const s = run([{ type: 'open', streamId: 's1', segmentId: 'r1', speaker: 'recruiter', final: false, at: 1 }]);
    expect(visibleCaptions(s)).toEqual([]);
  });

  it('keeps at most MAX_CAPTIONS captions, dropping the oldest', () => {
    const events: CaptionEvent[] = Array.from({ length: MAX_CAPTIONS + 5 }, (_, i) => ({ type: 'typed', id: `t${i}`, text: `n${i}`, at: i }));
    const s = run(events);
    expect(s.captions).toHaveLength(MAX_CAPTIONS);
    expect(s.captions[0]!.text).toBe('n5');
  });
});

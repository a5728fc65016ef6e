import { describe, expect, it } from 'vitest';
import { EnergySegmenter, SEGMENT_SAMPLE_RATE, type Segment } from './moonshine-segmenter.js';

const RATE = SEGMENT_SAMPLE_RATE;

/** A voiced-like signal: a 180 Hz tone with a little amplitude wobble, `ms` long. */
function tone(ms: number, amplitude = 8000): Int16Array {
  const n = Math.round((RATE * ms) / 1000);
  return Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 180 * i) / RATE) * (0.8 + 0.2 * Math.sin(i / 900))));
}
const silence = (ms: number) => new Int16Array(Math.round((RATE * ms) / 1000));

function segmentsOf(parts: Int16Array[], chunk = 480): Segment[] {
  const seg = new EnergySegmenter();
  const out: Segment[] = [];
  for (const part of parts) {
    for (let i = 0; i < part.length; i += chunk) {
      for (const e of seg.push(part.subarray(i, i + chunk))) if (e.type === 'segment') out.push(e.segment);
    }
  }
  for (const e of seg.flush()) if (e.type === 'segment') out.push(e.segment);
  return out;
}

describe('EnergySegmenter', () => {
  it('closes a segment at a 300 ms pause and starts the next with the speech after it', () => {
    const segs = segmentsOf([silence(500), tone(1000), silence(300), tone(800), silence(500)]);
    expect(segs).toHaveLength(2);
    expect(segs.every((s) => s.atPause)).toBe(true);
    // Starts within the pre-roll before each burst.
    expect(segs[0]!.start / RATE).toBeGreaterThan(0.25);
    expect(segs[0]!.start / RATE).toBeLessThanOrEqual(0.5);
    expect(segs[1]!.start / RATE).toBeGreaterThan(1.5);
    expect(segs[1]!.start / RATE).toBeLessThanOrEqual(1.8);
    expect(segs[0]!.voicedSeconds).toBeGreaterThan(0.9);
  });

  it('keeps a 100 ms gap inside one segment', () => {
    expect(segmentsOf([silence(300), tone(700), silence(100), tone(700), silence(400)])).toHaveLength(1);
  });

  it('finds nothing in silence and drops a click', () => {
    expect(segmentsOf([silence(2000)])).toEqual([]);
    expect(segmentsOf([silence(500), tone(60), silence(1000)])).toEqual([]);
  });

  it('cuts a long stretch without pauses at the length limit, and the rest follows', () => {
    const segs = segmentsOf([silence(200), tone(11_000), silence(400)]);
    expect(segs.length).toBe(2);
    expect(segs[0]!.atPause).toBe(false);
    expect(segs[0]!.pcm.length / RATE).toBeLessThanOrEqual(8.01);
    expect(segs[1]!.atPause).toBe(true);
    // Nothing lost or doubled at the cut.
    expect(segs[1]!.start).toBe(segs[0]!.start + segs[0]!.pcm.length);
  });

  it('hands the open segment to the caller at a flush (end of turn)', () => {
    const seg = new EnergySegmenter();
    seg.push(silence(300));
    seg.push(tone(900));
    expect(seg.inSegment).toBe(true);
    const events = seg.flush();
    expect(events.filter((e) => e.type === 'segment')).toHaveLength(1);
    expect(seg.inSegment).toBe(false);
  });
});

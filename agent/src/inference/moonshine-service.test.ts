import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertMoonshineFiles, defaultMoonshineDir, MoonshineModelMissingError } from './moonshine-model.js';
import { encodePcm16 } from '../providers/local/pcm.js';
import { decodePcm, inProcessMoonshine } from './moonshine-service.js';
import { MoonshineTokenizer } from './moonshine-tokenizer.js';

describe('MoonshineTokenizer', () => {
  it('reads length-prefixed entries, including two-byte lengths and empty ones', () => {
    const long = 'x'.repeat(200);
    // 200 = 0xC8 ≥ 128: two length bytes, (second * 128) + first - 128 → first 0xC8, second 1.
    const bytes = Buffer.concat([Buffer.from([5]), Buffer.from('<unk>'), Buffer.from([0]), Buffer.from([0xc8, 1]), Buffer.from(long), Buffer.from([Buffer.byteLength('\u2581hi')]), Buffer.from('\u2581hi')]);
    const t = MoonshineTokenizer.fromBytes(bytes);
    expect(t.size).toBe(4);
    expect(t.decode([2])).toBe(long);
    expect(t.decode([0, 3, 3])).toBe('hi hi');
  });

  it('decodes the shipped vocabulary: control tokens dropped, word marks become spaces', () => {
    const t = MoonshineTokenizer.fromFile(join(defaultMoonshineDir(), 'tokenizer.bin'));
    expect(t.size).toBe(32_000);
    expect(t.isSpecial(1) && t.isSpecial(2)).toBe(true);
    // 278 = "▁the", 263 = "▁a" in moonshine-cpp 0.1.4's base-en vocabulary.
    expect(t.decode([1, 278, 263, 2])).toBe('the a');
  });
});

describe('Moonshine service wire format and queue', () => {
  it('carries PCM through base64 unchanged (as floats in -1..1)', () => {
    const pcm = Int16Array.from([0, 16384, -32768, 32767]);
    expect(Array.from(decodePcm(encodePcm16(pcm)))).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('names the set-up step when the model files are missing', () => {
    expect(() => assertMoonshineFiles('/nonexistent/moonshine')).toThrow(MoonshineModelMissingError);
    expect(() => assertMoonshineFiles('/nonexistent/moonshine')).toThrow(/scripts\/setup\.sh/);
  });

  it('answers concurrent requests one at a time, first come first served', async () => {
    const queue = inProcessMoonshine();
    await queue.ready();
    const order: number[] = [];
    const silence = encodePcm16(new Int16Array(8_000));
    const results = await Promise.all(
      [0, 1, 2].map((k) => queue.handle({ pcm: silence, voicedSeconds: 0 }).then((r) => (order.push(k), r))),
    );
    expect(order).toEqual([0, 1, 2]);
    for (const r of results) expect(r).not.toHaveProperty('error');
    // The third waited for the two before it.
    expect((results[2] as { queuedMs: number }).queuedMs).toBeGreaterThan(0);
    // Silence is never text.
    expect(results.map((r) => ('text' in r ? r.text : null))).toEqual(['', '', '']);
  }, 120_000);
});

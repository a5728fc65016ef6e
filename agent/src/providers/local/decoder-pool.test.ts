import { describe, expect, it } from 'vitest';
import { DecoderPool } from './decoder-pool.js';
import type { DecoderConfig, PocketSphinxDecoder } from './pocketsphinx-decoder.js';

const config: DecoderConfig = { hmmDir: 'h', lmPath: 'l', dictPath: 'd', endSilenceMs: 200 };

function fakeFactory() {
  const made: { freed: boolean }[] = [];
  const create = async () => {
    const d = { freed: false, inUtterance: false, endUtterance: async () => '', free: () => void (d.freed = true) };
    made.push(d);
    return d as unknown as PocketSphinxDecoder;
  };
  const live = () => made.filter((d) => !d.freed).length;
  return { made, create, live };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('DecoderPool', () => {
  it('warms one decoder and hands it out without building a spare beside it', async () => {
    const f = fakeFactory();
    const pool = new DecoderPool(config, 1, f.create);
    await pool.warm();
    expect(pool.idleCount).toBe(1);
    const d = await pool.acquire();
    await settle();
    expect(d).toBe(f.made[0]);
    expect(pool.inUseCount).toBe(1);
    expect(pool.idleCount).toBe(0);
    expect(f.made).toHaveLength(1);
  });

  it('builds a decoder on demand for a second stream, and refills only once both are back', async () => {
    const f = fakeFactory();
    const pool = new DecoderPool(config, 1, f.create);
    await pool.warm();
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect(a).not.toBe(b);
    await pool.release(a);
    await settle();
    expect(pool.idleCount).toBe(0);
    await pool.release(b);
    await pool.warm();
    expect(pool.idleCount).toBe(1);
    expect(f.live()).toBe(1);
  });

  it('counts a failed on-demand create as not in use', async () => {
    const pool = new DecoderPool(config, 1, async () => {
      throw new Error('no engine');
    });
    await expect(pool.acquire()).rejects.toThrow('no engine');
    expect(pool.inUseCount).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { KeyedBatcher } from './batcher.js';

describe('KeyedBatcher', () => {
  it('coalesces concurrent submissions per key and keeps their order', async () => {
    const calls: [string, number[]][] = [];
    const b = new KeyedBatcher<string, number, string>(async (key, items) => {
      calls.push([key, items]);
      return items.map((i) => `${key}:${i}`);
    });
    const out = await Promise.all([b.submit('a', 1), b.submit('b', 9), b.submit('a', 2), b.submit('a', 3)]);
    expect(out).toEqual(['a:1', 'b:9', 'a:2', 'a:3']);
    expect(calls).toEqual([
      ['a', [1, 2, 3]],
      ['b', [9]],
    ]);
  });

  it('runs one batch per key at a time; later arrivals form the next batch, in order', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new KeyedBatcher<string, number, number>(async (_key, items) => {
      calls.push(items);
      if (calls.length === 1) await gate;
      return items;
    });
    const first = b.submit('k', 1);
    await new Promise((r) => setImmediate(r));
    const later = [b.submit('k', 2), b.submit('k', 3)];
    expect(calls).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it('rejects every waiter of a failing batch and carries on with the next one', async () => {
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new KeyedBatcher<string, number, number>(async (_key, items) => {
      n += 1;
      if (n === 1) {
        await gate;
        throw new Error('boom');
      }
      return items;
    });
    const failing = [b.submit('k', 1), b.submit('k', 2)].map((p) => p.then(() => 'ok', (e: Error) => e.message));
    await new Promise((r) => setImmediate(r));
    const next = b.submit('k', 3);
    release();
    expect(await Promise.all(failing)).toEqual(['boom', 'boom']);
    expect(await next).toBe(3);
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const b = new KeyedBatcher<string, number, number>(async (_key, items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((i) => b.submit('k', i)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects all waiters when the runner answers the wrong number of results', async () => {
    const b = new KeyedBatcher<string, number, number>(async () => [1]);
    const out = await Promise.allSettled([b.submit('k', 1), b.submit('k', 2)]);
    expect(out.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});

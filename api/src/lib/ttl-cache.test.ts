import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('expires entries after the ttl', () => {
    let now = 1000;
    const c = new TtlCache<string, number>(100, 10, () => now);
    c.set('a', 1);
    now = 1099;
    expect(c.get('a')).toBe(1);
    now = 1100;
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('evicts the least recently used entry past the bound', () => {
    const c = new TtlCache<string, number>(1000, 2, () => 0);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
  });

  it('deletes by key and by predicate', () => {
    const c = new TtlCache<string, { user: string }>(1000, 10, () => 0);
    c.set('s1', { user: 'u1' });
    c.set('s2', { user: 'u1' });
    c.set('s3', { user: 'u2' });
    c.delete('s3');
    expect(c.get('s3')).toBeUndefined();
    c.deleteWhere((v) => v.user === 'u1');
    expect(c.size).toBe(0);
  });
});

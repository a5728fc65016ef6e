/** The tryout's network prefixes and keyed hashes (keys.ts). */
import { describe, expect, it } from 'vitest';
import { networkPrefix, tryoutKeys } from './keys.js';

describe('networkPrefix', () => {
  it('takes the /24 of an IPv4 address', () => {
    expect(networkPrefix('203.0.113.77')).toBe('203.0.113.0/24');
  });
  it('takes the /48 of an IPv6 address, however it is written', () => {
    expect(networkPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkPrefix('2001:0DB8:ABCD:ffff:0:0:0:9')).toBe('2001:db8:abcd::/48');
    expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
  });
  it('counts an IPv4-mapped IPv6 address as its IPv4 network', () => {
    expect(networkPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
  });
  it('keeps what is not an address as it is', () => {
    expect(networkPrefix('unknown')).toBe('unknown');
  });
});

describe('tryoutKeys', () => {
  const secret = new TextEncoder().encode('a-test-secret-of-enough-length-0123456789');
  const input = { deviceId: 'a'.repeat(64), fingerprint: 'b'.repeat(64), ip: '203.0.113.5' };

  it('gives the same keys for the same device on the same network, and hex HMACs only', () => {
    const k = tryoutKeys(secret, input);
    expect(tryoutKeys(secret, { ...input, ip: '203.0.113.200' })).toEqual(k);
    for (const v of Object.values(k)) expect(v).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(k)).size).toBe(3);
  });
  it('changes the network and prefix keys with the network, not the device key', () => {
    const a = tryoutKeys(secret, input);
    const b = tryoutKeys(secret, { ...input, ip: '198.51.100.5' });
    expect(b.deviceKey).toBe(a.deviceKey);
    expect(b.networkKey).not.toBe(a.networkKey);
    expect(b.prefixKey).not.toBe(a.prefixKey);
  });
  it('depends on the secret: another server cannot match the stored keys', () => {
    const other = tryoutKeys(new TextEncoder().encode('another-secret-of-enough-length-9876543210'), input);
    const mine = tryoutKeys(secret, input);
    expect(other.deviceKey).not.toBe(mine.deviceKey);
    expect(other.networkKey).not.toBe(mine.networkKey);
  });
});

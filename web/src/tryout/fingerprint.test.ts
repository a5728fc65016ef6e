/** The tryout's browser digests (fingerprint.ts). */
import { describe, expect, it } from 'vitest';
import { deviceIdFrom, featuresText, sha256Hex, TRYOUT_DEVICE_KEY, type BrowserFeatures } from './fingerprint.js';

const features: BrowserFeatures = {
  userAgent: 'Mozilla/5.0 Test',
  languages: ['en-GB', 'en'],
  screen: { width: 1280, height: 800, colorDepth: 24 },
  timeZone: 'Europe/London',
  platform: 'Linux x86_64',
  hardwareConcurrency: 8,
};

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('tryout fingerprint', () => {
  it('gives the same text for the same features and another for any change', () => {
    expect(featuresText(features)).toBe(featuresText({ ...features, languages: [...features.languages] }));
    expect(featuresText({ ...features, timeZone: 'Europe/Paris' })).not.toBe(featuresText(features));
    expect(featuresText({ ...features, screen: { ...features.screen, width: 1920 } })).not.toBe(featuresText(features));
  });

  it('hashes to a SHA-256 hex digest, so the features never leave the browser', async () => {
    const digest = await sha256Hex(featuresText(features));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(await sha256Hex(featuresText(features)));
    // The well-known digest of "abc" (FIPS 180-2, appendix B.1).
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps one random device id in storage', () => {
    const storage = memoryStorage();
    const first = deviceIdFrom(storage);
    expect(storage.m.get(TRYOUT_DEVICE_KEY)).toBe(first);
    expect(deviceIdFrom(storage)).toBe(first);
    expect(deviceIdFrom(memoryStorage())).not.toBe(first);
  });
});

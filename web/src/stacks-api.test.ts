import { describe, expect, it } from 'vitest';
import { formatPrice, formatUsd } from './stacks-api.js';

describe('formatUsd', () => {
  it('keeps sub-cent costs readable and an offline call at exactly zero', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.0077)).toBe('$0.00770');
    expect(formatUsd(0.0421)).toBe('$0.042');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(null)).toBe('—');
  });
});

describe('formatPrice', () => {
  it('names the unit a stage is billed in', () => {
    expect(formatPrice({ unit: 'none', usd: 0, outputUsd: null })).toBe('no fee (runs on this server)');
    expect(formatPrice({ unit: 'audio_minute', usd: 0.0077, outputUsd: null })).toBe('$0.0077 per audio minute');
    expect(formatPrice({ unit: 'million_tokens', usd: 0.4, outputUsd: 1.6 })).toBe('$0.4 in / $1.6 out per 1M tokens');
  });
});

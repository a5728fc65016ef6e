import { describe, expect, it } from 'vitest';
import { entryLabel, formatPrice, interviewCost, referralCodeFromHash, signedAmount, signupCreditFields } from './credits-format.js';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

describe('credits format', () => {
  it('prices packs in dollars and other currencies by code', () => {
    expect(formatPrice(1200, 'usd')).toBe('$12.00');
    expect(formatPrice(999, 'eur')).toBe('9.99 EUR');
  });

  it('labels ledger lines and signs amounts', () => {
    expect(entryLabel({ kind: 'interview', note: '15-minute interview' })).toBe('Interview · 15-minute interview');
    expect(entryLabel({ kind: 'refund', note: null })).toBe('Refund');
    expect(signedAmount(60)).toBe('+60');
    expect(signedAmount(-15)).toBe('\u221215');
  });

  it('costs an interview by whole minutes', () => {
    expect(interviewCost(15, 1)).toBe(15);
    expect(interviewCost(10, 2)).toBe(20);
  });
});

describe('sign-up referral fields', () => {
  it('reads a valid code from the link and ignores anything else', () => {
    expect(referralCodeFromHash('#/signup?ref=abcd2345')).toBe('ABCD2345');
    expect(referralCodeFromHash('#/signup?ref=<script>')).toBeNull();
    expect(referralCodeFromHash('#/signup')).toBeNull();
  });

  it('remembers the code for the tab and keeps one device id per browser', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const first = signupCreditFields('#/signup?ref=ABCD2345', local, session);
    expect(first.ref).toBe('ABCD2345');
    // Back on the sign-up page without the query: the code is remembered, the device id is the same.
    const again = signupCreditFields('#/signup', local, session);
    expect(again).toEqual({ ref: 'ABCD2345', deviceId: first.deviceId });
    expect(signupCreditFields('#/signup', local, new MemoryStorage())).toEqual({ deviceId: first.deviceId });
  });
});

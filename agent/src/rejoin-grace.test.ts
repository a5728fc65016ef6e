import { describe, expect, it } from 'vitest';
import { RejoinGrace } from './rejoin-grace.js';

/** A hand-driven clock and timer queue, so the grace period is tested without waiting for it. */
function fakeTimers() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

function setup(graceMs = 120_000) {
  const clock = fakeTimers();
  const events: string[] = [];
  const grace = new RejoinGrace({
    graceMs,
    onExpired: () => events.push('expired'),
    onReturned: (awayMs) => events.push(`returned after ${awayMs}`),
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { clock, events, grace };
}

describe('RejoinGrace', () => {
  it('treats the first join as the start of the call, not a return', () => {
    const { events, grace } = setup();
    grace.joined();
    expect(events).toEqual([]);
    expect(grace.absent).toBe(false);
  });

  it('waits the whole grace period after a leave before expiring', () => {
    const { clock, events, grace } = setup(120_000);
    grace.joined();
    grace.left();
    expect(grace.absent).toBe(true);
    clock.advance(119_999);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual(['expired']);
  });

  it('cancels the expiry when the candidate comes back within the grace period', () => {
    const { clock, events, grace } = setup(120_000);
    grace.joined();
    clock.advance(5_000);
    grace.left();
    clock.advance(30_000);
    grace.joined();
    expect(events).toEqual(['returned after 30000']);
    expect(grace.absent).toBe(false);
    clock.advance(200_000);
    expect(events).toEqual(['returned after 30000']);
    expect(clock.pending()).toBe(0);
  });

  it('starts a fresh grace period for each departure', () => {
    const { clock, events, grace } = setup(60_000);
    grace.joined();
    grace.left();
    clock.advance(50_000);
    grace.joined();
    grace.left();
    clock.advance(50_000);
    expect(events).toEqual(['returned after 50000']);
    clock.advance(10_000);
    expect(events).toEqual(['returned after 50000', 'expired']);
  });

  it('counts a second join without a leave as a return (a reload that replaced the old connection)', () => {
    const { events, grace } = setup();
    grace.joined();
    grace.joined();
    expect(events).toEqual(['returned after 0']);
  });

  it('keeps the first leave time when a leave is reported twice', () => {
    const { clock, events, grace } = setup(100);
    grace.joined();
    grace.left();
    clock.advance(60);
    grace.left();
    clock.advance(40);
    expect(events).toEqual(['expired']);
  });

  it('fires nothing after dispose', () => {
    const { clock, events, grace } = setup(100);
    grace.joined();
    grace.left();
    grace.dispose();
    clock.advance(1_000);
    grace.joined();
    expect(events).toEqual([]);
  });
});

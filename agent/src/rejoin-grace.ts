/**
 * The candidate's presence in the room, and the grace period after they leave. A reload, a tab
 * crash, a network drop or a locked phone takes the candidate out of the room; none of them is the
 * end of the interview. The job waits `graceMs` for the candidate to come back (a fresh token for
 * the same interview) before it closes the call as "candidate left". Why and how long:
 * docs/decisions/011-rejoin-grace.md.
 *
 * Pure state with injected timers; job.ts wires it to the room's participant events.
 */

export interface RejoinGraceOptions {
  /** How long the job waits for the candidate to come back. */
  graceMs: number;
  /** The candidate did not come back in time. */
  onExpired: () => void;
  /** The candidate came back (after leaving, or with a new connection that replaced the old one). */
  onReturned: (awayMs: number) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class RejoinGrace {
  private readonly opts: Required<RejoinGraceOptions>;
  private seen = false;
  private leftAt: number | null = null;
  private timer: unknown = null;
  private done = false;

  constructor(opts: RejoinGraceOptions) {
    this.opts = {
      now: Date.now,
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return t;
      },
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
      ...opts,
    };
  }

  /** Whether the candidate has left and not come back yet. */
  get absent(): boolean {
    return this.leftAt !== null;
  }

  /**
   * The candidate is in the room. The first time is the start of the call; any later time is a
   * return, also when no leave was seen (a reload whose new connection replaced the old one).
   */
  joined(): void {
    if (this.done) return;
    if (!this.seen) {
      this.seen = true;
      return;
    }
    const awayMs = this.leftAt === null ? 0 : this.opts.now() - this.leftAt;
    this.cancelTimer();
    this.leftAt = null;
    this.opts.onReturned(awayMs);
  }

  /** The candidate left the room: the grace period starts (once; a second leave changes nothing). */
  left(): void {
    if (this.done || this.leftAt !== null) return;
    this.seen = true;
    this.leftAt = this.opts.now();
    this.timer = this.opts.setTimer(() => {
      this.timer = null;
      if (this.done || this.leftAt === null) return;
      this.done = true;
      this.opts.onExpired();
    }, this.opts.graceMs);
  }

  /** The call ended for another reason: no timer may fire after this. */
  dispose(): void {
    this.done = true;
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
  }
}

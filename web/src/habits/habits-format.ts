/** Display helpers for habits. Pure functions, unit-tested. */

/** The browser's IANA time zone (Intl), or null when it does not say. */
export function detectTimeZone(intl: Pick<typeof Intl, 'DateTimeFormat'> = Intl): string | null {
  try {
    const zone = new intl.DateTimeFormat().resolvedOptions().timeZone;
    return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 ? zone : null;
  } catch {
    return null;
  }
}

/** "1-day streak", "4-day streak", or "No streak yet". */
export function streakText(days: number): string {
  return days > 0 ? `${days}-day streak` : 'No streak yet';
}

/** Lays out dated scores on an axis from `min` to `max`: x by date (time-proportional), y by value. */
export function layoutDated(
  points: readonly { completedAt: string; score: number }[],
  opts: { width: number; height: number; min: number; max: number; pad?: number },
): { x: number; y: number; score: number; at: string }[] {
  const pad = opts.pad ?? 28;
  const times = points.map((p) => Date.parse(p.completedAt));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const innerW = opts.width - pad * 2;
  const innerH = opts.height - pad * 2;
  return points.map((p, i) => {
    const x = t1 === t0 ? opts.width / 2 : pad + (innerW * (times[i]! - t0)) / (t1 - t0);
    const v = Math.min(opts.max, Math.max(opts.min, p.score));
    return { x, y: pad + innerH * (1 - (v - opts.min) / (opts.max - opts.min)), score: p.score, at: p.completedAt };
  });
}

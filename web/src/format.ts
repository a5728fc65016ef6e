/** Small display helpers shared by pages. Pure functions, unit-tested. */

/** `m:ss` (or `h:mm:ss`) for an elapsed time in milliseconds. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A 1..5 rubric score as words, for screen readers and the legend. */
export function scoreLabel(score: number): string {
  const labels = ['', 'Weak', 'Developing', 'Adequate', 'Strong', 'Excellent'];
  return labels[Math.round(score)] ?? '';
}

export function formatPercent(ratio: number | null | undefined): string {
  return ratio == null ? '—' : `${Math.round(ratio * 100)}%`;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  return n == null ? '—' : n.toFixed(digits);
}

export interface ChartPoint {
  x: number;
  y: number;
  label: string;
  value: number;
}

/**
 * Lays out overall scores (0..100) over time for the progress chart: oldest on the left, one
 * point per scored interview, evenly spaced so a burst of sessions on one day stays readable.
 */
export function layoutProgress(
  items: { createdAt: string; overall: number | null }[],
  width: number,
  height: number,
  pad = 24,
): ChartPoint[] {
  const scored = items
    .filter((i): i is { createdAt: string; overall: number } => typeof i.overall === 'number')
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const innerW = width - pad * 2;
  const innerH = height - pad * 2;
  return scored.map((item, idx) => {
    const x = scored.length === 1 ? width / 2 : pad + (innerW * idx) / (scored.length - 1);
    const clamped = Math.min(100, Math.max(0, item.overall));
    const y = pad + innerH * (1 - clamped / 100);
    return { x, y, label: formatDate(item.createdAt), value: Math.round(clamped) };
  });
}

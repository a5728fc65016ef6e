import { useEffect, useRef } from 'react';
import { createLevelMeter } from './audio-level.js';

const BAR_COUNT = 7;
/** Bars nearer the middle move more, like a classic voice visualiser. */
const BAR_WEIGHTS = [0.45, 0.7, 0.9, 1, 0.9, 0.7, 0.45];

/**
 * A level meter for one audio track. It updates the DOM directly each animation frame (no React
 * re-render), and mirrors the level in `data-level` and the loudest level so far in `data-peak`.
 */
export function AudioVisualiser(props: { track: MediaStreamTrack | null; label: string; className?: string; testId?: string }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const barRefs = useRef<(HTMLSpanElement | null)[]>([]);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    root.dataset.level = '0';
    if (!props.track) {
      for (const bar of barRefs.current) if (bar) bar.style.transform = 'scaleY(0.08)';
      return;
    }
    let meter: ReturnType<typeof createLevelMeter> | null = null;
    try {
      meter = createLevelMeter(props.track);
    } catch {
      return;
    }
    let peak = Number(root.dataset.peak ?? '0') || 0;
    let smooth = 0;
    let frame = 0;
    const tick = () => {
      const level = meter?.read() ?? 0;
      // Fast attack, slower release: readable without flicker.
      smooth = level > smooth ? level : smooth * 0.85 + level * 0.15;
      if (level > peak) peak = level;
      root.dataset.level = level.toFixed(3);
      root.dataset.peak = peak.toFixed(3);
      barRefs.current.forEach((bar, i) => {
        if (bar) bar.style.transform = `scaleY(${Math.max(0.08, smooth * (BAR_WEIGHTS[i] ?? 1)).toFixed(3)})`;
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      meter?.stop();
    };
  }, [props.track]);

  return (
    <div
      ref={rootRef}
      className={`visualiser ${props.className ?? ''}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      data-level="0"
      data-peak="0"
    >
      {Array.from({ length: BAR_COUNT }, (_, i) => (
        <span
          key={i}
          className="visualiser-bar"
          ref={(el) => {
            barRefs.current[i] = el;
          }}
        />
      ))}
    </div>
  );
}

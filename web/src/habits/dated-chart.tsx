/**
 * A line chart of scores over time with dates on the x axis (spaced by time, not by count), and the
 * same points as a table for screen readers and anyone who prefers numbers.
 */
import { useId } from 'react';
import { formatDate } from '../format.js';
import { layoutDated } from './habits-format.js';

const W = 420;
const H = 180;
const PAD = 28;

export function DatedChart(props: { title: string; points: readonly { completedAt: string; score: number }[]; min: number; max: number; unit: string }) {
  const tableId = useId();
  if (props.points.length === 0) return null;
  const pts = layoutDated(props.points, { width: W, height: H, min: props.min, max: props.max, pad: PAD });
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const summary =
    pts.length === 1
      ? `${props.title}: ${last.score} ${props.unit} on ${formatDate(last.at)}.`
      : `${props.title}: from ${first.score} on ${formatDate(first.at)} to ${last.score} on ${formatDate(last.at)} (${props.unit}), ${pts.length} interviews.`;
  const ticks = [props.min, (props.min + props.max) / 2, props.max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {ticks.map((v) => {
          const y = PAD + (H - PAD * 2) * (1 - (v - props.min) / (props.max - props.min));
          return (
            <g key={v} className="chart-grid">
              <line x1={PAD} x2={W - PAD} y1={y} y2={y} />
              <text x={2} y={y + 4}>
                {v}
              </text>
            </g>
          );
        })}
        <g className="chart-axis">
          <text x={PAD} y={H - 6} textAnchor="start">
            {formatDate(first.at)}
          </text>
          {pts.length > 1 ? (
            <text x={W - PAD} y={H - 6} textAnchor="end">
              {formatDate(last.at)}
            </text>
          ) : null}
        </g>
        <path d={path} className="chart-line" />
        {pts.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={4} className="chart-dot">
            <title>{`${formatDate(p.at)}: ${p.score}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">{summary}</figcaption>
      <details>
        <summary>Show as a table</summary>
        <table id={tableId} className="history-table">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Score ({props.unit})</th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((p, i) => (
              <tr key={i}>
                <td>{formatDate(p.completedAt)}</td>
                <td>{p.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

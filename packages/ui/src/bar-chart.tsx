import { useId } from 'react';
import { cn } from './cn.ts';

export interface BarDatum {
  /** When (ms since the epoch): where the bar stands on the time axis. */
  at: number;
  value: number;
  /** The full timestamp, for the tooltip and the data table. */
  detail: string;
}

/** The time axis: its range and its labelled ticks, computed by the caller in the viewer's zone. */
export interface BarAxis {
  min: number;
  max: number;
  ticks: { at: number; label: string }[];
}

interface Props {
  title: string;
  /** One sentence saying what the chart shows and its range, for screen readers (<desc>). */
  description: string;
  data: BarDatum[];
  axis: BarAxis;
  format?: (n: number) => string;
  /** Heading of the value column in the data table. */
  valueLabel: string;
  className?: string;
}

const W = 560;
const H = 180;
const PAD = { top: 12, right: 28, bottom: 28, left: 48 };

/**
 * Numbers over time as bars on a real time axis, in inline SVG (no chart library): a bar stands at
 * its moment, so the gaps between backups show. An image with a title and a description for
 * assistive technology, and the same numbers in a table behind a disclosure, which is what a
 * screen-reader user or a keyboard user who wants exact values reads.
 */
export function BarChart({ title, description, data, axis, format = String, valueLabel, className }: Props) {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (at: number) => PAD.left + ((at - axis.min) / Math.max(1, axis.max - axis.min)) * innerW;
  const sorted = data.map((d) => x(d.at)).sort((a, b) => a - b);
  const gap = Math.min(innerW, ...sorted.slice(1).map((v, i) => v - sorted[i]!));
  const barW = Math.max(2, Math.min(24, gap * 0.7));
  return (
    <figure className={cn('flex flex-col gap-2', className)}>
      <figcaption id={`${id}-title`} className="text-sm font-medium text-slate-800">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + innerH * (1 - f);
          return (
            <g key={f}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} className="stroke-slate-200" />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                {format(Math.round(max * f))}
              </text>
            </g>
          );
        })}
        {axis.ticks.map((t) => (
          <g key={t.at}>
            <line
              x1={x(t.at)}
              x2={x(t.at)}
              y1={PAD.top + innerH}
              y2={PAD.top + innerH + 4}
              className="stroke-slate-400"
            />
            <text x={x(t.at)} y={H - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
              {t.label}
            </text>
          </g>
        ))}
        {data.map((d) => {
          const h = (d.value / max) * innerH;
          return (
            <rect
              key={d.at}
              x={x(d.at) - barW / 2}
              y={PAD.top + innerH - h}
              width={barW}
              height={Math.max(h, d.value > 0 ? 1 : 0)}
              rx={2}
              className="fill-indigo-600"
            >
              <title>{`${d.detail}: ${format(d.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-indigo-700 underline">Show “{title}” as a table</summary>
        <table className="mt-2 w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-2 py-1 font-medium text-slate-600">
                When
              </th>
              <th scope="col" className="px-2 py-1 font-medium text-slate-600">
                {valueLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.at} className="border-b border-slate-100">
                <td className="px-2 py-1">{d.detail}</td>
                <td className="px-2 py-1 tabular-nums">{format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

import { useId } from 'react';
import { cn } from './cn.ts';

export interface BarDatum {
  /** Shown under the bar (short: a date). */
  label: string;
  value: number;
  /** Longer text for the tooltip and the data table (a full timestamp). */
  detail?: string;
}

interface Props {
  title: string;
  /** One sentence saying what the chart shows and its range, for screen readers (<desc>). */
  description: string;
  data: BarDatum[];
  format?: (n: number) => string;
  /** Heading of the value column in the data table. */
  valueLabel: string;
  className?: string;
}

const W = 560;
const H = 180;
const PAD = { top: 12, right: 8, bottom: 28, left: 48 };

/**
 * Numbers over time as bars, in inline SVG (no chart library): an image with a title and a
 * description for assistive technology, and the same numbers in a table behind a disclosure, which
 * is what a screen-reader user or a keyboard user who wants exact values reads.
 */
export function BarChart({ title, description, data, format = String, valueLabel, className }: Props) {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = data.length ? innerW / data.length : innerW;
  const barW = Math.max(2, Math.min(40, step * 0.7));
  const labelEvery = Math.max(1, Math.ceil(data.length / 8));
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
        {data.map((d, i) => {
          const h = (d.value / max) * innerH;
          const x = PAD.left + i * step + (step - barW) / 2;
          return (
            <g key={`${d.label}-${i}`}>
              <rect x={x} y={PAD.top + innerH - h} width={barW} height={Math.max(h, d.value > 0 ? 1 : 0)} rx={2} className="fill-indigo-600">
                <title>{`${d.detail ?? d.label}: ${format(d.value)}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="fill-slate-600 text-[11px]">
                  {d.label}
                </text>
              )}
            </g>
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
            {data.map((d, i) => (
              <tr key={`${d.label}-${i}`} className="border-b border-slate-100">
                <td className="px-2 py-1">{d.detail ?? d.label}</td>
                <td className="px-2 py-1 tabular-nums">{format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

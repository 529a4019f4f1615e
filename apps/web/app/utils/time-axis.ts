/**
 * A chart's time axis: the range it spans and tick marks at round times in the viewer's zone, whose
 * step adapts to the span (seconds, minutes and hours within a day; days, weeks or months beyond).
 */
export interface TimeAxis {
  min: number;
  max: number;
  ticks: { at: number; label: string }[];
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const STEPS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
  30 * D,
  91 * D,
  365 * D,
];

const partsFormat = new Map<string, Intl.DateTimeFormat>();
/** How far the zone's wall clock is ahead of UTC at `t` (ms). */
function zoneOffset(t: number, timeZone: string): number {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormat.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / S) * S;
}

const fmt = (timeZone: string, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', ...o });

export function timeAxis(times: number[], timeZone = 'UTC', maxTicks = 6): TimeAxis {
  if (!times.length) return { min: 0, max: 1, ticks: [] };
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  // One moment (or a few in the same second): half an hour either side, so the axis reads in minutes.
  if (hi - lo < 10 * S) {
    lo -= 30 * M;
    hi += 30 * M;
  }
  const pad = (hi - lo) * 0.05;
  const min = lo - pad;
  const max = hi + pad;
  const span = max - min;
  const step = STEPS.find((s) => span / s <= maxTicks) ?? STEPS.at(-1)!;

  const day = fmt(timeZone, { day: 'numeric', month: 'short' });
  const month = fmt(timeZone, { month: 'short', year: 'numeric' });
  const clock = fmt(
    timeZone,
    step < M ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' },
  );
  const dayKey = fmt(timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  const multiDay = dayKey.format(min) !== dayKey.format(max);

  const ticks: TimeAxis['ticks'] = [];
  let previousDay = '';
  // Round to the step on the zone's wall clock (a tick at 14:00 local, not 14:00 UTC).
  const off = zoneOffset(min, timeZone);
  for (let wall = Math.ceil((min + off) / step) * step; ticks.length < 50; wall += step) {
    const at = wall - zoneOffset(wall - off, timeZone);
    if (at > max) break;
    if (at < min) continue;
    let label: string;
    if (step >= 91 * D) label = month.format(at);
    else if (step >= D) label = day.format(at);
    else {
      const d = dayKey.format(at);
      label = multiDay && d !== previousDay ? `${day.format(at)} ${clock.format(at)}` : clock.format(at);
      previousDay = d;
    }
    ticks.push({ at, label });
  }
  return { min, max, ticks };
}

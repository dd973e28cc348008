/** Time on an axis: a linear scale over ISO times and tick labels fit to the span shown. */

export interface TimeScale {
  x(iso: string): number;
  ticks: { x: number; label: string; iso: string }[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function timeScale(times: string[], range: [number, number], tickCount: number): TimeScale {
  const ms = times.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  let lo = ms.length ? Math.min(...ms) : 0;
  let hi = ms.length ? Math.max(...ms) : 0;
  // A story seen in one instant still gets an axis: half a minute either side.
  if (hi - lo < 1000) { lo -= MINUTE / 2; hi += MINUTE / 2; }
  const pad = (hi - lo) * 0.04;
  lo -= pad; hi += pad;
  const [r0, r1] = range;
  const x = (iso: string) => r0 + ((Date.parse(iso) - lo) / (hi - lo)) * (r1 - r0);
  const span = hi - lo;
  const label = (t: number) => {
    const iso = new Date(t).toISOString();
    if (span < 2 * MINUTE) return iso.slice(11, 19);
    if (span < 2 * DAY) return iso.slice(11, 16);
    if (span < 300 * DAY) return iso.slice(5, 10);
    return iso.slice(0, 7);
  };
  const ticks = Array.from({ length: tickCount }, (_, i) => {
    const t = lo + ((i + 0.5) / tickCount) * span;
    const iso = new Date(t).toISOString();
    return { x: x(iso), label: label(t), iso };
  });
  return { x, ticks };
}

/** "2026-11-27 20:55:23 UTC": how times read everywhere on the dashboard. */
export function readableTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—';
}

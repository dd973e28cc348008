/** Time on an axis: a linear scale over ISO times and tick labels fit to the span shown. */

export interface TimeScale {
  x(iso: string): number;
  ticks: { x: number; label: string; iso: string }[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SECOND = 1000;
const HOUR = 60 * MINUTE;
const TICK_STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY,
];

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
  // Ticks at round instants (every 2 s, 5 min, 6 h, 7 days…), as many as fit tickCount.
  const step = TICK_STEPS.find((candidate) => (hi - lo) / candidate <= tickCount) ?? TICK_STEPS[TICK_STEPS.length - 1];
  const label = (t: number) => {
    const iso = new Date(t).toISOString();
    if (step < MINUTE) return iso.slice(11, 19);
    if (step < DAY) return iso.slice(11, 16);
    return hi - lo < 300 * DAY ? iso.slice(5, 10) : iso.slice(0, 10);
  };
  const ticks: TimeScale['ticks'] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) {
    const iso = new Date(t).toISOString();
    ticks.push({ x: x(iso), label: label(t), iso });
  }
  return { x, ticks };
}

/** "2026-11-27 20:55:23 UTC": how times read everywhere on the dashboard. */
export function readableTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—';
}

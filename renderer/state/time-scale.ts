/**
 * The time grid of the meter charts: bucket widths and tick times from a short list of round steps,
 * aligned to the local clock. A chart's picture can only move when its right edge crosses a bucket
 * boundary (one bucket is the time two pixels stand for), so the charts redraw on that grid instead
 * of on every sample, and the buckets of a redraw line up with the previous one's. Pure.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Round steps, from a quarter of a second to a day. */
const STEPS_MS = [
  250,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** The smallest round step of at least minMs (whole days beyond a day). */
export function roundStep(minMs: number): number {
  if (!(minMs > 0)) return STEPS_MS[0]!;
  return STEPS_MS.find((s) => s >= minMs) ?? Math.ceil(minMs / (24 * HOUR)) * 24 * HOUR;
}

/** Local time's offset from UTC at t (ms), so that hour ticks fall on the hour where the user is. */
function localOffsetMs(t: number): number {
  return -new Date(t).getTimezoneOffset() * MINUTE;
}

/** The latest multiple of step (in local time) at or before t. */
export function floorTo(t: number, step: number): number {
  const offset = step >= HOUR ? localOffsetMs(t) : 0;
  return Math.floor((t + offset) / step) * step - offset;
}

/** The earliest multiple of step (in local time) at or after t. */
export function ceilTo(t: number, step: number): number {
  const floor = floorTo(t, step);
  return floor === t ? t : floor + step;
}

export interface TimeWindow {
  /** Left edge of the plot (ms), on the bucket grid. */
  readonly from: number;
  /** Right edge (ms), on the bucket grid: samples after it wait for the next bucket. */
  readonly to: number;
  /** The time one bucket (two points, min and max, over two pixels) stands for. */
  readonly bucketMs: number;
  /** How many buckets fit between from and to. */
  readonly buckets: number;
}

/**
 * The window a chart draws: `span` ms ending at `end` (or from `start`, for a whole session), at
 * most `maxBuckets` buckets of a round width. Both edges sit on the bucket grid, so the window is
 * the same object of numbers until `end` crosses into the next bucket.
 */
export function timeWindow({ end, span, start, maxBuckets }: { end: number; span?: number; start?: number; maxBuckets: number }): TimeWindow {
  const wanted = span ?? Math.max(MINUTE, end - (start ?? end));
  const bucketMs = roundStep(wanted / Math.max(1, maxBuckets));
  const to = floorTo(end, bucketMs);
  const spanned = to - Math.ceil(wanted / bucketMs) * bucketMs;
  // A whole session starts at its first sample, or a minute back when it is younger than that.
  const from = span !== undefined ? spanned : Math.min(floorTo(start ?? end, bucketMs), spanned);
  return { from, to, bucketMs, buckets: Math.max(1, Math.round((to - from) / bucketMs)) };
}

/** Tick times between from and to (inclusive), on a round step, at most maxTicks of them. */
export function timeTicks(from: number, to: number, maxTicks: number): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const step = Math.max(SECOND, roundStep((to - from) / maxTicks));
  const ticks: number[] = [];
  for (let t = ceilTo(from, step); t <= to; t += step) ticks.push(t);
  return ticks;
}

/**
 * The ticks whose label, centred on its tick, is drawn whole: a label needs `halfLabelPx` on each
 * side, and the plot ends `rightMarginPx` before the canvas does ("07:23:05", never "07:23:0" at
 * the right edge). The left side has the value axis's width to spare.
 */
export function ticksThatFit(ticks: readonly number[], from: number, to: number, plotWidthPx: number, rightMarginPx: number, halfLabelPx: number): number[] {
  if (!(to > from)) return [];
  return ticks.filter((t) => ((to - t) / (to - from)) * plotWidthPx + rightMarginPx >= halfLabelPx);
}

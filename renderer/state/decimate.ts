/**
 * Min/max decimation for display: a whole day of 1-second samples becomes at most one point per
 * pixel column, and no peak or dip is lost (each bucket keeps its extremes, in time order). Pure.
 */

/** Columns of a time series: t in ms, one Float64Array per series (NaN where the charger sent nothing). */
export interface Columns<K extends string> {
  readonly length: number;
  readonly t: Float64Array;
  readonly series: Readonly<Record<K, Float64Array>>;
}

export type Row<K extends string> = { t: number } & { [key in K]?: number | null };

/** First index whose t >= value (inclusive) or > value (exclusive); t is ascending. */
export function search(t: Float64Array, length: number, value: number, inclusive = true): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < value || (!inclusive && t[mid]! === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows for the chart between from and to (ms), at most maxPoints of them. With fewer samples than
 * that every sample is a row; otherwise each of maxPoints/2 equal time buckets gives two rows, and
 * each series puts its minimum in one and its maximum in the other, in the order they happened.
 * `keep` filters samples (a connector), NaN becomes null (a gap in the line).
 */
export function decimate<K extends string>(
  cols: Columns<K>,
  keys: readonly K[],
  from: number,
  to: number,
  maxPoints: number,
  keep?: (index: number) => boolean,
): Row<K>[] {
  const start = search(cols.t, cols.length, from);
  const end = search(cols.t, cols.length, to, false);
  const rows: Row<K>[] = [];
  const value = (k: K, i: number) => {
    const v = cols.series[k][i]!;
    return Number.isNaN(v) ? null : v;
  };
  let count = 0;
  for (let i = start; i < end; i++) if (!keep || keep(i)) count++;
  if (count <= maxPoints) {
    for (let i = start; i < end; i++) {
      if (keep && !keep(i)) continue;
      const row = { t: cols.t[i]! } as Row<K>;
      for (const k of keys) (row as Record<string, number | null>)[k] = value(k, i);
      rows.push(row);
    }
    return rows;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const width = (to - from) / buckets;
  // Plain loops over the columns: this runs over every sample on each redraw.
  const columns = keys.map((k) => cols.series[k]);
  const n = columns.length;
  const minAt = new Int32Array(n);
  const maxAt = new Int32Array(n);
  const t = cols.t;
  let i = start;
  for (let b = 0; b < buckets && i < end; b++) {
    const bucketEnd = b === buckets - 1 ? Infinity : from + (b + 1) * width;
    minAt.fill(-1);
    maxAt.fill(-1);
    let first = -1;
    let last = -1;
    for (; i < end && t[i]! < bucketEnd; i++) {
      if (keep && !keep(i)) continue;
      if (first < 0) first = i;
      last = i;
      for (let s = 0; s < n; s++) {
        const col = columns[s]!;
        const v = col[i]!;
        if (v !== v) continue; // NaN: nothing sent
        if (minAt[s]! < 0 || v < col[minAt[s]!]!) minAt[s] = i;
        if (maxAt[s]! < 0 || v > col[maxAt[s]!]!) maxAt[s] = i;
      }
    }
    if (first < 0) continue;
    const early = { t: t[first]! } as Record<string, number | null>;
    const late = { t: t[last]! } as Record<string, number | null>;
    for (let s = 0; s < n; s++) {
      const lo = minAt[s]!;
      const hi = maxAt[s]!;
      const col = columns[s]!;
      early[keys[s]!] = lo < 0 ? null : col[Math.min(lo, hi)]!;
      late[keys[s]!] = lo < 0 ? null : col[Math.max(lo, hi)]!;
    }
    rows.push(early as Row<K>);
    if (last !== first) rows.push(late as Row<K>);
  }
  return rows;
}

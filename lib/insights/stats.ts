// The statistics behind /insights and GET /api/v1/insights. Durations are shown
// as distributions (median, p90, quartiles, every point), never as averages: a
// few long incidents make a mean describe no incident at all (the VOID report).
// Pure functions, no database: unit-tested on small known samples (stats.test.ts).

/**
 * The p-th quantile (0 <= p <= 1) of a sample, by linear interpolation between
 * the closest ranks: h = (n - 1) * p, then x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h])
 * on the sorted values. This is Hyndman & Fan type 7, the default of NumPy,
 * R and spreadsheets, and PostgreSQL's percentile_cont, so any of them can check
 * a figure. NaN for an empty sample.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be within 0..1, got ${p}`);
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** What a box plot draws, plus p90; null for an empty sample. */
export type Distribution = { n: number; min: number; q1: number; median: number; q3: number; p90: number; max: number };

export function distribution(values: readonly number[]): Distribution | null {
  if (!values.length) return null;
  return {
    n: values.length,
    min: Math.min(...values),
    q1: quantile(values, 0.25),
    median: quantile(values, 0.5),
    q3: quantile(values, 0.75),
    p90: quantile(values, 0.9),
    max: Math.max(...values),
  };
}

/** Minutes from one instant to a later one; null when either is missing or the order is wrong (bad data, not a negative time). */
export function minutesBetween(from: Date | null | undefined, to: Date | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = to.getTime() - from.getTime();
  return ms < 0 ? null : ms / 60_000;
}

/** Today's date at UTC midnight: due dates are days, and an item due today is not overdue yet. */
export function startOfDayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** "YYYY-MM" of an instant, in UTC: months are counted on one clock whatever each incident's zone. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** Every month from `first` to `last` inclusive ("YYYY-MM"), so a quiet month shows as a zero, not a gap. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Counts of each key, in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Rows of a stacked series: one row per bucket, a count per series key (zeros included). */
export function stack<T>(
  items: readonly T[],
  buckets: readonly string[],
  series: readonly string[],
  bucketOf: (item: T) => string,
  seriesOf: (item: T) => string,
): { bucket: string; counts: Record<string, number>; total: number }[] {
  const rows = new Map(buckets.map((b) => [b, { bucket: b, counts: Object.fromEntries(series.map((s) => [s, 0])), total: 0 }]));
  for (const item of items) {
    const row = rows.get(bucketOf(item));
    const s = seriesOf(item);
    if (!row || !(s in row.counts)) continue;
    row.counts[s]! += 1;
    row.total += 1;
  }
  return [...rows.values()];
}

// The statistics on small samples whose answers are known by hand (and agree with
// NumPy's default `np.percentile`, type 7 linear interpolation).
import { describe, expect, it } from 'vitest';
import { countBy, distribution, median, minutesBetween, monthOf, monthRange, quantile, stack } from './stats';

describe('quantile (linear interpolation between closest ranks)', () => {
  it('is exact on ranks and interpolates between them', () => {
    const x = [1, 2, 3, 4];
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(4);
    expect(median(x)).toBe(2.5); // h = 1.5
    expect(quantile(x, 0.25)).toBeCloseTo(1.75); // h = 0.75
    expect(quantile(x, 0.9)).toBeCloseTo(3.7); // h = 2.7
  });

  it('does not depend on the input order, and does not reorder the input', () => {
    const x = [40, 10, 30, 20, 50];
    expect(median(x)).toBe(30);
    expect(quantile(x, 0.9)).toBeCloseTo(46); // h = 3.6: 40 + 0.6 * 10
    expect(x).toEqual([40, 10, 30, 20, 50]);
  });

  it('gives the one value of a single sample, NaN for none, and refuses p outside 0..1', () => {
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('is not the mean: one long incident moves the mean, not the median', () => {
    expect(median([10, 12, 14, 600])).toBe(13);
  });
});

describe('distribution', () => {
  it('gives the five numbers of a box plot and p90', () => {
    expect(distribution([5, 1, 3, 2, 4])).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, p90: 4.6, max: 5 });
    expect(distribution([])).toBeNull();
  });
});

describe('minutesBetween', () => {
  it('counts minutes, and refuses missing or reversed times', () => {
    const a = new Date('2020-10-14T13:50:00Z');
    expect(minutesBetween(a, new Date('2020-10-14T15:05:00Z'))).toBe(75);
    expect(minutesBetween(a, null)).toBeNull();
    expect(minutesBetween(a, new Date('2020-10-14T13:00:00Z'))).toBeNull();
  });
});

describe('grouping', () => {
  it('names months in UTC and fills the months in between', () => {
    expect(monthOf(new Date('2024-08-31T23:30:00-02:00'))).toBe('2024-09');
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2024-02', '2024-01')).toEqual([]);
  });

  it('counts by key and stacks by bucket and series, with zeros', () => {
    const items = [
      { m: '2024-01', s: 'SEV1' },
      { m: '2024-01', s: 'SEV3' },
      { m: '2024-03', s: 'SEV3' },
      { m: '2025-01', s: 'SEV3' }, // outside the buckets: ignored
    ];
    expect([...countBy(items, (i) => i.s)]).toEqual([
      ['SEV1', 1],
      ['SEV3', 3],
    ]);
    expect(
      stack(
        items,
        ['2024-01', '2024-02', '2024-03'],
        ['SEV1', 'SEV3'],
        (i) => i.m,
        (i) => i.s,
      ),
    ).toEqual([
      { bucket: '2024-01', counts: { SEV1: 1, SEV3: 1 }, total: 2 },
      { bucket: '2024-02', counts: { SEV1: 0, SEV3: 0 }, total: 0 },
      { bucket: '2024-03', counts: { SEV1: 0, SEV3: 1 }, total: 1 },
    ]);
  });
});

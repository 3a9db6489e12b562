import { describe, expect, it } from 'vitest';
import { freshnessOf, freshnessSentence, isStale } from './freshness';

const now = new Date('2026-12-03T15:00:00Z');
const daysAgo = (n: number) => new Date(Date.UTC(2026, 11, 3 - n));

describe('runbook freshness', () => {
  it('says when it was reviewed, by whom, and when the next review is due', () => {
    const f = freshnessOf({ reviewedAt: daysAgo(40), reviewEveryDays: 90 }, now);
    expect(freshnessSentence(f, 'Ada')).toBe('Reviewed 40 days ago by Ada · next review in 50 days');
    expect(isStale({ reviewedAt: daysAgo(40), reviewEveryDays: 90 }, now)).toBe(false);
  });

  it('says by how much a review is overdue, and counts it stale', () => {
    const r = { reviewedAt: daysAgo(102), reviewEveryDays: 90 };
    expect(freshnessSentence(freshnessOf(r, now), null)).toBe('Review overdue by 12 days (reviewed 102 days ago)');
    expect(isStale(r, now)).toBe(true);
  });

  it('is due on the last day, not stale', () => {
    const r = { reviewedAt: daysAgo(90), reviewEveryDays: 90 };
    expect(freshnessSentence(freshnessOf(r, now), null)).toBe('Reviewed 90 days ago · next review due today');
    expect(isStale(r, now)).toBe(false);
  });

  it('never counts a runbook without an interval stale; one with an interval and no review is', () => {
    expect(isStale({ reviewedAt: null, reviewEveryDays: null }, now)).toBe(false);
    expect(isStale({ reviewedAt: daysAgo(4000), reviewEveryDays: null }, now)).toBe(false);
    expect(isStale({ reviewedAt: null, reviewEveryDays: 30 }, now)).toBe(true);
    expect(freshnessSentence(freshnessOf({ reviewedAt: daysAgo(0), reviewEveryDays: null }, now), 'Bo')).toBe(
      'Reviewed today by Bo',
    );
  });
});

describe('stale by scheduled verification', () => {
  const fresh = { reviewedAt: daysAgo(10), reviewEveryDays: 90 };
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('counts a failing verification as stale', () => {
    expect(isStale({ ...fresh, verifyFailingSince: minutes(-120), verifyNextAt: minutes(60) }, now)).toBe(true);
  });

  it('counts a verification not launched within its interval (past the grace) as stale', () => {
    expect(isStale({ ...fresh, verifyFailingSince: null, verifyNextAt: minutes(-31) }, now)).toBe(true);
    expect(isStale({ ...fresh, verifyFailingSince: null, verifyNextAt: minutes(-5) }, now)).toBe(false);
    expect(isStale({ ...fresh, verifyFailingSince: null, verifyNextAt: minutes(60) }, now)).toBe(false);
  });

  it('leaves runbooks without a schedule alone', () => {
    expect(isStale({ ...fresh, verifyFailingSince: null, verifyNextAt: null }, now)).toBe(false);
  });
});

// How fresh a runbook is: reviewed when, by whom, and whether its review is
// overdue. Pure (the caller passes `now`), so the list can be cached and the
// verdict still computed per request.

export type FreshnessInput = { reviewedAt: Date | null; reviewEveryDays: number | null };

export type Freshness =
  | { kind: 'no-interval'; daysSinceReview: number | null }
  | { kind: 'never-reviewed'; reviewEveryDays: number }
  | { kind: 'fresh'; daysSinceReview: number; daysLeft: number }
  | { kind: 'overdue'; daysSinceReview: number; overdueBy: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days (UTC) from `from` to `to`; reviews are stored as dates. */
function daysBetween(from: Date, to: Date): number {
  const utc = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

export function freshnessOf(r: FreshnessInput, now: Date): Freshness {
  const since = r.reviewedAt ? daysBetween(r.reviewedAt, now) : null;
  if (!r.reviewEveryDays) return { kind: 'no-interval', daysSinceReview: since };
  if (since === null) return { kind: 'never-reviewed', reviewEveryDays: r.reviewEveryDays };
  const left = r.reviewEveryDays - since;
  return left >= 0
    ? { kind: 'fresh', daysSinceReview: since, daysLeft: left }
    : { kind: 'overdue', daysSinceReview: since, overdueBy: -left };
}

/** Review overdue, or due and never reviewed. (Later also: verification failing.) */
export const isStale = (r: FreshnessInput, now: Date): boolean => {
  const kind = freshnessOf(r, now).kind;
  return kind === 'overdue' || kind === 'never-reviewed';
};

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const ago = (n: number) => (n === 0 ? 'today' : `${days(n)} ago`);

/** "Reviewed 40 days ago by X · next review in 50 days" or "Review overdue by 12 days". */
export function freshnessSentence(f: Freshness, reviewer: string | null): string {
  const by = reviewer ? ` by ${reviewer}` : '';
  switch (f.kind) {
    case 'no-interval':
      return f.daysSinceReview === null ? 'Never reviewed' : `Reviewed ${ago(f.daysSinceReview)}${by}`;
    case 'never-reviewed':
      return `Never reviewed (due every ${days(f.reviewEveryDays)})`;
    case 'fresh':
      return `Reviewed ${ago(f.daysSinceReview)}${by} · next review ${f.daysLeft === 0 ? 'due today' : `in ${days(f.daysLeft)}`}`;
    case 'overdue':
      return `Review overdue by ${days(f.overdueBy)} (reviewed ${ago(f.daysSinceReview)}${by})`;
  }
}

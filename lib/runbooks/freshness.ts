// How fresh a runbook is: reviewed when, by whom, and whether its review is
// overdue. Pure (the caller passes `now`), so the list can be cached and the
// verdict still computed per request.

export type FreshnessInput = {
  reviewedAt: Date | null;
  reviewEveryDays: number | null;
  /** Scheduled verification (decision 039): set while its latest judged verification fails. */
  verifyFailingSince?: Date | null;
  /** When the next verification is due; the tick moves it forward as it launches one. */
  verifyNextAt?: Date | null;
};

/**
 * How long past its due time a verification may wait before the runbook counts
 * as not verified within its interval: the tick runs every minute, so this much
 * lag means no worker is ticking.
 */
export const VERIFY_OVERDUE_GRACE_MS = 30 * 60 * 1000;

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

/** Verification failing, or not launched within its interval (plus the grace). */
export const isVerificationStale = (r: FreshnessInput, now: Date): boolean =>
  Boolean(r.verifyFailingSince) || (r.verifyNextAt != null && now.getTime() - r.verifyNextAt.getTime() > VERIFY_OVERDUE_GRACE_MS);

/** Review overdue, or due and never reviewed; or its scheduled verification failing or overdue. */
export const isStale = (r: FreshnessInput, now: Date): boolean => {
  const kind = freshnessOf(r, now).kind;
  return kind === 'overdue' || kind === 'never-reviewed' || isVerificationStale(r, now);
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

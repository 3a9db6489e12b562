// Refusals of callers with no valid session (no cookie, a junk or expired one)
// cost an attacker nothing, so each one cannot be an audit row: a loop of junk
// cookies would fill the append-only table forever. They are audited at most
// once per client address per minute, and at most ANONYMOUS_REFUSALS_PER_MINUTE
// in all; refusals of signed-in users are always audited (the pipeline does that).
import { hitCounter } from '@/lib/auth/throttle';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** One row per address says "this address was probing"; more says nothing new. */
const PER_ADDRESS_WINDOW_SECONDS = 60;
/** Enough to show a probe from many addresses, small enough to keep the trail bounded. */
export const ANONYMOUS_REFUSALS_PER_MINUTE = 30;

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

export async function mayAuditAnonymousRefusal(db: Db, address: string | null): Promise<boolean> {
  if (address && (await hitCounter(db, `anonymous-refusal:${address}`, PER_ADDRESS_WINDOW_SECONDS)) > 1) return false;
  return (await hitCounter(db, 'anonymous-refusal:*', 60)) <= ANONYMOUS_REFUSALS_PER_MINUTE;
}

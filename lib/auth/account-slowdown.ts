// Per-account slowdown for password guessing spread over many addresses: after
// FREE_FAILURES wrong passwords for one email within the window, every further
// attempt for that email waits a growing but capped delay, from any address.
// It never refuses, so nobody can lock an account's owner out; the owner's
// right password succeeds after at most MAX_DELAY_MS and resets the count.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { clearCounter, hitCounter, peekCounter } from './throttle';

/** Typos and a forgotten caps lock cost nothing. */
export const FREE_FAILURES = 5;
/** Failures are forgotten this long after the first one of a run. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;
/** First delay once the free failures are used; doubles per further failure. */
export const FIRST_DELAY_MS = 250;
/** A cap, so the slowdown never turns into a lockout for the account's owner. */
export const MAX_DELAY_MS = 2000;

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

export function slowdownDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/** Hashed, so the table holds no email addresses and keys have one length whatever was typed. */
function accountKey(email: string): string {
  return `sign-in-failures:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

export async function waitForAccount(db: Db, email: string): Promise<number> {
  const delay = slowdownDelayMs(await peekCounter(db, accountKey(email)));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return delay;
}

export async function noteFailedSignIn(db: Db, email: string): Promise<void> {
  await hitCounter(db, accountKey(email), FAILURE_WINDOW_SECONDS);
}

export async function noteSignedIn(db: Db, email: string): Promise<void> {
  await clearCounter(db, accountKey(email));
}

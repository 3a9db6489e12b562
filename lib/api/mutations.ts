// The JSON API's own write: counting a caller's writes for the rate limit, in
// PostgreSQL so every app process shares the count (lib/auth/throttle.ts).
import { hitCounter } from '@/lib/auth/throttle';
import { db } from '@/lib/db';

/** The window the write limit counts in. */
export const API_WRITE_WINDOW_SECONDS = 60;

/** Counts one write by `userId`; returns the count in the current window. */
export function countApiWrite(userId: string): Promise<number> {
  return hitCounter(db, `api-write:${userId}`, API_WRITE_WINDOW_SECONDS);
}

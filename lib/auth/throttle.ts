// Fixed-window counters in PostgreSQL, so every app process sees the same
// numbers (an in-memory counter per process would multiply every limit by the
// number of processes and forget it on restart). Rows carry their own expiry
// and expired ones are pruned on every write, so the table stays bounded by the
// keys active within one window.
import type { PrismaClient } from '@/lib/generated/prisma/client';

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** Counts one event for `key` and returns the count within the current window (1 for the first). */
export async function hitCounter(db: Db, key: string, windowSeconds: number): Promise<number> {
  await db.$executeRaw`DELETE FROM throttle_counters WHERE expires_at < now()`;
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO throttle_counters (key, count, expires_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN throttle_counters.expires_at < now() THEN 1 ELSE throttle_counters.count + 1 END,
      expires_at = CASE WHEN throttle_counters.expires_at < now() THEN EXCLUDED.expires_at ELSE throttle_counters.expires_at END
    RETURNING count`;
  return rows[0]?.count ?? 1;
}

/** The count within the current window, without counting. */
export async function peekCounter(db: Db, key: string): Promise<number> {
  const rows = await db.$queryRaw<
    { count: number }[]
  >`SELECT count FROM throttle_counters WHERE key = ${key} AND expires_at >= now()`;
  return rows[0]?.count ?? 0;
}

export async function clearCounter(db: Db, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM throttle_counters WHERE key = ${key}`;
}

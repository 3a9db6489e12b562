// Several `npm start` processes against one PostgreSQL may start at the same
// moment (a deploy restarting every instance). Migrating, loading the demo
// content into an empty database and creating the first admin must then run
// one instance at a time: the next one finds the work done. A session-level
// advisory lock does that, and PostgreSQL drops it if the holder dies.
import pg from 'pg';

/** Any fixed number shared by every instance of this app; Prisma's own migration lock is 72707369. */
export const STARTUP_LOCK_KEY = 4_211_2026;
/** Migrating and seeding take seconds; waiting this long means the instance holding the lock is stuck. */
export const STARTUP_LOCK_WAIT_MS = 5 * 60_000;

/** Runs `fn` while holding the startup lock; `onWait` is called once if another instance holds it. */
export async function withStartupLock<T>(url: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [STARTUP_LOCK_KEY]);
    if (!rows[0]?.got) {
      onWait?.();
      await client.query(`SET lock_timeout = ${STARTUP_LOCK_WAIT_MS}`);
      await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    }
    return await fn();
  } finally {
    // Closing the session releases the lock even if the unlock is never sent.
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

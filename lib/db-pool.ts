import type { PoolConfig } from 'pg';

/** The app's pool size unless DATABASE_POOL_MAX says otherwise; the same on both databases. */
export const DEFAULT_POOL_MAX = 10;

/**
 * How long a transaction may wait to start (a pool connection, then BEGIN)
 * before Prisma gives up. Writers queue rather than fail: behind a full pool on
 * PostgreSQL, or behind other clients' turns on the embedded database, where
 * every transaction runs alone (docs/decisions/016). A minute covers a burst of
 * a hundred saves there; past it something is stuck, and the error says so.
 */
export const TX_MAX_WAIT_MS = 60_000;

/**
 * How long opening a pool connection may take. On the embedded database the
 * startup handshake queues behind other clients' transactions like any query,
 * so it gets the transaction's patience rather than a network timeout.
 */
const CONNECT_TIMEOUT_MS = { external: 10_000, embedded: TX_MAX_WAIT_MS } as const;

/**
 * pg pool settings. The embedded database serves each client's transaction
 * whole and queues the others (scripts/lib/pglite-wire-server.ts), so it takes
 * an ordinary pool like a real server.
 */
export function poolOptions(url: string): PoolConfig {
  const embedded = process.env.PMKB_EMBEDDED_DB === '1';
  return {
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX ?? DEFAULT_POOL_MAX),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: embedded ? CONNECT_TIMEOUT_MS.embedded : CONNECT_TIMEOUT_MS.external,
  };
}

/** Prisma's default transaction options for every client (per-call options override field by field). */
export const transactionOptions = { maxWait: TX_MAX_WAIT_MS } as const;

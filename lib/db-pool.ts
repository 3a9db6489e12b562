import type { PoolConfig } from 'pg';

/**
 * pg pool settings. The embedded database (PGlite) is a single session behind a
 * multiplexer, so the app holds one connection and lets it go quickly when
 * idle; a real server gets an ordinary small pool.
 */
export function poolOptions(url: string): PoolConfig {
  const embedded = process.env.PMKB_EMBEDDED_DB === '1';
  return {
    connectionString: url,
    max: embedded ? 1 : Number(process.env.DATABASE_POOL_MAX ?? 10),
    idleTimeoutMillis: embedded ? 1_000 : 30_000,
    connectionTimeoutMillis: 10_000,
  };
}

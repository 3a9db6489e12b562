// The one Prisma client of the app. Only lib/*/queries.ts, lib/*/mutations.ts,
// lib/auth/auth.ts (Better Auth's adapter) and scripts import it; eslint.config.mjs
// enforces that (decision 020). Modules that scripts share take a client parameter instead.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { poolOptions, transactionOptions } from '@/lib/db-pool';
import { PrismaClient, type Prisma } from '@/lib/generated/prisma/client';
import { preparedStatement } from '@/lib/prepared-statements';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

function createClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which provides one.');
  }
  // The pool is ours (not created inside the adapter) so /api/metrics can report its waits.
  globalForPrisma.pool = new pg.Pool(poolOptions(url));
  return new PrismaClient({ adapter: new PrismaPg(globalForPrisma.pool), transactionOptions });
}

/** This process's pool occupancy, or null before the first query opened it. */
export function poolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = globalForPrisma.pool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/**
 * Rows of one read statement built with Prisma's tagged `sql` template (every
 * value a bind parameter), sent straight through the pool Prisma itself uses.
 * For the hot read path only (GET /api/search, decision 030): Prisma's engine
 * adds about a millisecond per statement on top of PostgreSQL, which at a
 * 10-20 ms search is most of what the API spends beyond the SQL. The first few
 * statement shapes are sent as named statements, planned once per connection
 * (lib/prepared-statements.ts, decision 040). Rows come back
 * as node-postgres decodes them (int8 as a string, json parsed, timestamptz as
 * a Date): cast in the SQL to the types the caller reads.
 */
export async function queryRows<T>(statement: Prisma.Sql): Promise<T[]> {
  client(); // opens the pool on first use, as any Prisma call would
  return (await globalForPrisma.pool!.query(preparedStatement(statement))).rows as T[];
}

// Created on first use, not at import: `next build` imports route modules with
// no database around. One client per process, surviving dev hot reloads.
function client(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === 'function' ? value.bind(c) : value;
  },
});

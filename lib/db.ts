// The one Prisma client of the app. Only lib/*/queries.ts, lib/*/mutations.ts,
// lib/auth/auth.ts (Better Auth's adapter) and scripts import it; eslint.config.mjs
// enforces that (decision 020). Modules that scripts share take a client parameter instead.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { poolOptions, transactionOptions } from '@/lib/db-pool';
import { PrismaClient } from '@/lib/generated/prisma/client';

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

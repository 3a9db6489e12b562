// The one Prisma client of the app. Only lib/*/queries.ts, lib/*/actions.ts and
// scripts import it.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { poolOptions } from '@/lib/db-pool';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start`, which provides one.');
  }
  return new PrismaClient({ adapter: new PrismaPg(poolOptions(url)) });
}

// Reuse one client across hot reloads in development.
export const db: PrismaClient = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = db;

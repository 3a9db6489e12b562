// A Prisma client for scripts (lib/db.ts is for the Next.js server).
import { PrismaPg } from '@prisma/adapter-pg';
import { poolOptions, transactionOptions } from '../../lib/db-pool';
import { PrismaClient } from '../../lib/generated/prisma/client';

export function scriptClient(url: string): PrismaClient {
  // One connection: a script runs one thing at a time. Its transactions wait
  // their turn like the app's (lib/db-pool.ts), e.g. beside a running `npm start`.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }), transactionOptions });
}

/** A client with the app's pool (lib/db-pool.ts), for queue workers: their jobs write in parallel. */
export function poolClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolOptions(url)), transactionOptions });
}

// Every app process and every queue worker sweeps: at start and then every SWEEP_EVERY_MS it closes
// the runs whose lease ran out (orphans.ts). Safe with any number of
// processes on one database: live processes keep renewing their leases.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { SWEEP_EVERY_MS } from './leases';
import { closeExpiredRuns } from './orphans';

async function sweep(db: PrismaClient): Promise<void> {
  try {
    const closed = await closeExpiredRuns(db);
    if (closed.length) log.info({ closed }, 'checks: closed runs whose server stopped before they finished');
  } catch (err) {
    // A database that is not up yet must not stop the server; the next sweep retries.
    log.error({ err }, 'checks: run sweep failed');
  }
}

/** Sweeps once now, then on a timer that does not keep the process alive; returns its stop. */
export async function startRunSweeper(db: PrismaClient): Promise<() => void> {
  await sweep(db);
  const timer = setInterval(() => void sweep(db), SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

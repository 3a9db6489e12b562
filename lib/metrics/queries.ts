// Metric values read at scrape time: the database-wide check-run counts and
// this process's pool occupancy.
import 'server-only';
import { db, poolStats } from '@/lib/db';
import { CheckRunStatus } from '@/lib/generated/prisma/enums';
import { metrics } from './registry';

export async function collectDatabaseGauges(): Promise<void> {
  const m = metrics();
  const pool = poolStats();
  m.dbPoolConnections.set({ state: 'total' }, pool?.total ?? 0);
  m.dbPoolConnections.set({ state: 'idle' }, pool?.idle ?? 0);
  m.dbPoolWaiting.set(pool?.waiting ?? 0);
  const rows = await db.checkRun.groupBy({ by: ['status'], _count: { _all: true } });
  // Every status appears, at 0 when absent, so a rate over it never has gaps.
  for (const status of Object.values(CheckRunStatus)) {
    m.dbCheckRuns.set({ status }, rows.find((r) => r.status === status)?._count._all ?? 0);
  }
}

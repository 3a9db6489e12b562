// Nothing stays "running" forever. A run is orphaned when the process that was
// driving it is gone (a server restart) or when it has outlived any deadline
// the bridge could have set.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { AGENT_DEADLINE_GRACE_MS } from './bridge';
import { CHECK_TIMEOUT_MAX_MS } from './catalog-schema';

/** Longer than any run can take: the largest timeout, the grace, and slack for a slow database. */
export const STALE_AFTER_MS = CHECK_TIMEOUT_MAX_MS + AGENT_DEADLINE_GRACE_MS + 30_000;

const RESTARTED = 'The app restarted while this run was in progress, so its result was lost. Run the check again.';
const STALE = 'This run never reported back and was closed. Run the check again.';

/**
 * At startup: every run still queued or running was started by an earlier
 * process (this one has started none yet). Assumes one app process per
 * database, as `npm start` runs it.
 */
export async function closeRunsOfEarlierProcesses(db: PrismaClient, startedAt: Date): Promise<number> {
  const { count } = await db.checkRun.updateMany({
    where: { status: { in: ['queued', 'running'] }, createdAt: { lt: startedAt } },
    data: { status: 'error', message: RESTARTED, finishedAt: new Date() },
  });
  return count;
}

/** Periodically: runs older than any deadline, whoever started them. */
export async function closeStaleRuns(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.checkRun.updateMany({
    where: { status: { in: ['queued', 'running'] }, createdAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    data: { status: 'error', message: STALE, finishedAt: now },
  });
  return count;
}

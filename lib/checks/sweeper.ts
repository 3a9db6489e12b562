// Closes orphaned check runs at server start and then every minute.
import { db } from '@/lib/db';
import { closeRunsOfEarlierProcesses, closeStaleRuns } from './orphans';

const SWEEP_EVERY_MS = 60_000;

export async function startRunSweeper(): Promise<void> {
  const startedAt = new Date();
  try {
    const closed = await closeRunsOfEarlierProcesses(db, startedAt);
    if (closed) console.log(`checks: closed ${closed} run(s) left unfinished by an earlier start`);
  } catch (err) {
    // A database that is not up yet must not stop the server; the sweep retries.
    console.error('checks: could not close orphaned runs:', (err as Error).message);
  }
  setInterval(() => {
    closeStaleRuns(db).catch((err) => console.error('checks: stale-run sweep failed:', (err as Error).message));
  }, SWEEP_EVERY_MS).unref();
}

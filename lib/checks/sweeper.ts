// Closes orphaned check runs at server start and then every minute.
import { db } from '@/lib/db';
import { log } from '@/lib/log';
import { closeRunsOfEarlierProcesses, closeStaleRuns } from './orphans';

const SWEEP_EVERY_MS = 60_000;

export async function startRunSweeper(): Promise<void> {
  const startedAt = new Date();
  try {
    const closed = await closeRunsOfEarlierProcesses(db, startedAt);
    if (closed) log.info({ closed }, 'checks: closed runs left unfinished by an earlier start');
  } catch (err) {
    // A database that is not up yet must not stop the server; the sweep retries.
    log.error({ err }, 'checks: could not close orphaned runs');
  }
  setInterval(() => {
    closeStaleRuns(db).catch((err) => log.error({ err }, 'checks: stale-run sweep failed'));
  }, SWEEP_EVERY_MS).unref();
}

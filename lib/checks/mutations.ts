// The checks area's writes with the app's database client. The bridge
// (prepare-launch.ts, execute-runs.ts) takes a client as an argument so the integration
// tests and the benchmarks run the same code; the server actions reach it through here.
import 'server-only';
import { db } from '@/lib/db';
import type { Tx } from '@/lib/incidents/store';
import { prepareLaunch, type Launch, type Lineage } from './prepare-launch';

/**
 * Validates a launch against the catalog and hosts, and queues one run per
 * host with its job, in one transaction. Queue workers run them (lib/queue/);
 * the web process never does.
 */
export const queueLaunch = (launch: Launch, requestedById: string, lineage?: Lineage) =>
  prepareLaunch(db, launch, requestedById, lineage);

/**
 * Inside the incident write that attached them (./attach.ts): the runs record
 * the revision. Only runs not attached yet, so two attaches of one run cannot
 * both succeed; the caller rolls back when fewer than all were stamped.
 */
export async function markAttached(tx: Tx, runIds: string[], version: number): Promise<number> {
  const { count } = await tx.checkRun.updateMany({
    where: { id: { in: runIds }, attachedVersion: null },
    data: { attachedVersion: version, attachedAt: new Date() },
  });
  return count;
}

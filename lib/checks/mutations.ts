// The checks area's writes with the app's database client. The bridge
// (prepare-launch.ts, execute-runs.ts) takes a client as an argument so the integration
// tests and the benchmarks run the same code; the server actions reach it through here.
import 'server-only';
import { db } from '@/lib/db';
import { executeRuns } from './execute-runs';
import { prepareLaunch, type Launch, type QueuedRun } from './prepare-launch';

/** Validates a launch against the catalog and hosts, and queues one run per host. */
export const queueLaunch = (launch: Launch, requestedById: string) => prepareLaunch(db, launch, requestedById);

/** Runs queued runs on their agents, storing every step. */
export const runQueued = (runs: QueuedRun[]) => executeRuns(db, runs);

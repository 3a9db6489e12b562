// The checks area's writes with the app's database client. The bridge
// (prepare-launch.ts, execute-runs.ts) takes a client as an argument so the integration
// tests and the benchmarks run the same code; the server actions reach it through here.
import 'server-only';
import { db } from '@/lib/db';
import { prepareLaunch, type Launch } from './prepare-launch';

/**
 * Validates a launch against the catalog and hosts, and queues one run per
 * host with its job, in one transaction. Queue workers run them (lib/queue/);
 * the web process never does.
 */
export const queueLaunch = (launch: Launch, requestedById: string) => prepareLaunch(db, launch, requestedById);

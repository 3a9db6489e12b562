// A queue worker: graphile-worker's runner with our task list, started by
// `npm start` (scripts/start.ts, in its own process beside `next start`), by
// `npm run worker` (scripts/worker.ts) and by the integration tests
// (tests/worker.ts). Every worker also sweeps: a run whose worker died is
// closed by whichever process sweeps next (lib/checks/sweeper.ts).
import { run, type Runner } from 'graphile-worker';
import { startRunSweeper } from '@/lib/checks/sweeper';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { startHealthProbes } from '@/lib/hosts/probe';
import { log } from '@/lib/log';
import { cronItems } from './cron';
import { workerConcurrency } from './limits';
import { queueLogger } from './logger';
import { QUEUE_SCHEMA } from './schema';
import { taskList } from './tasks';

export type WorkerOptions = {
  connectionString: string;
  /** The Prisma client the task uses to read and store runs. */
  db: PrismaClient;
  /** Jobs at once; default WORKER_CONCURRENCY (lib/queue/limits.ts). */
  concurrency?: number;
  /** Whether this worker sweeps expired runs too (default yes). */
  sweep?: boolean;
  /** Whether this worker probes the agents' health in the background (npm start, npm run worker; not tests). */
  probeHosts?: boolean;
  /** Whether this worker runs the scheduler's cron tick (default yes; tests that drive the tick themselves turn it off). */
  schedule?: boolean;
};

export type QueueWorker = {
  /** Stops taking jobs and waits for the running ones to be stored. */
  stop(): Promise<void>;
};

export async function startWorker({
  connectionString,
  db,
  concurrency = workerConcurrency(),
  sweep = true,
  probeHosts = false,
  schedule = true,
}: WorkerOptions): Promise<QueueWorker> {
  const runner: Runner = await run({
    connectionString,
    schema: QUEUE_SCHEMA,
    concurrency,
    // A listener connection plus the ones the jobs' bookkeeping needs; the runs' own writes go through `db`.
    maxPoolSize: Math.min(concurrency + 2, 20),
    taskList: taskList(db),
    // Given in code, so graphile-worker never looks for a crontab file.
    parsedCronItems: schedule ? cronItems() : [],
    logger: queueLogger(),
    // The host process (start.ts, worker.ts, a test) owns SIGINT/SIGTERM and calls stop().
    noHandleSignals: true,
    // New jobs arrive by LISTEN/NOTIFY; polling only covers a missed notification or a lost connection.
    pollInterval: 2_000,
  });
  const stopSweeper = sweep ? await startRunSweeper(db) : () => {};
  // Page views never call agents: their health is probed here and stored (lib/hosts/probe.ts).
  const probes = probeHosts
    ? startHealthProbes(db, undefined, { onError: (err) => log.warn({ err }, 'hosts: health probe round failed') })
    : null;
  log.info({ concurrency }, 'queue: worker started');
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopSweeper();
        await probes?.stop();
        await runner.stop();
        log.info('queue: worker stopped');
      })();
      return stopping;
    },
  };
}

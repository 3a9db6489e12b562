// A queue worker for the duration of an integration test file: launches made
// through the action or prepareLaunch are run by it, as under `npm start`.
//
//   const worker = withQueueWorker(url);   // at the top level of the file
//
// It installs the queue schema itself (idempotent), so it does not depend on
// the order of the file's own beforeAll hooks.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { installQueue } from '@/lib/queue/schema';
import { startWorker, type QueueWorker } from '@/lib/queue/worker';
import { poolClient } from '@/scripts/lib/prisma';
import { ROOT } from '@/scripts/lib/schema-engine';

export type TestWorker = { db: PrismaClient; worker: QueueWorker; stop(): Promise<void> };

export async function startTestWorker(url: string, concurrency = 8): Promise<TestWorker> {
  await installQueue(url);
  const db = poolClient(url);
  // No cron tick: a test that needs the scheduler calls runVerifyTick itself, at the moment it chooses.
  const worker = await startWorker({ connectionString: url, db, concurrency, schedule: false });
  return {
    db,
    worker,
    stop: async () => {
      await worker.stop();
      await db.$disconnect();
    },
  };
}

export function withQueueWorker(url: string, concurrency = 8): { current: TestWorker | null } {
  const ref: { current: TestWorker | null } = { current: null };
  beforeAll(async () => {
    ref.current = await startTestWorker(url, concurrency);
  }, 60_000);
  afterAll(async () => {
    await ref.current?.stop();
  });
  return ref;
}

/** How long `npm run worker` may take to come up on a busy 2-core machine. */
const WORKER_START_MS = 30_000;

/**
 * `npm run worker` (scripts/worker.ts) as a separate process on the test
 * database, playing another machine's worker; resolves once it takes jobs.
 * The caller kills it (SIGTERM stops it gracefully, SIGKILL plays a crash).
 */
export async function spawnWorkerProcess(url: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, WORKER_CONCURRENCY: '8', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.resume();
  const deadline = Date.now() + WORKER_START_MS;
  while (!out.includes('running check jobs')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the worker process did not start: ${out.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

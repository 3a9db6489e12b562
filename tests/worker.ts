// A queue worker for the duration of an integration test file: launches made
// through the action or prepareLaunch are run by it, as under `npm start`.
//
//   const worker = withQueueWorker(url);   // at the top level of the file
//
// It installs the queue schema itself (idempotent), so it does not depend on
// the order of the file's own beforeAll hooks.
import { afterAll, beforeAll } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { installQueue } from '@/lib/queue/schema';
import { startWorker, type QueueWorker } from '@/lib/queue/worker';
import { poolClient } from '@/scripts/lib/prisma';

export type TestWorker = { db: PrismaClient; worker: QueueWorker; stop(): Promise<void> };

export async function startTestWorker(url: string, concurrency = 8): Promise<TestWorker> {
  await installQueue(url);
  const db = poolClient(url);
  const worker = await startWorker({ connectionString: url, db, concurrency });
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

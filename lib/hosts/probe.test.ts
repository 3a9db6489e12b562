// The probe timer (lib/hosts/probe.ts): rounds repeat without overlapping, a
// failed round is reported and the next one still comes, and stop() stops it.
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { startHealthProbes } from './probe';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeDb(findMany: () => Promise<unknown[]>): PrismaClient {
  return { host: { findMany }, $executeRaw: async () => 0 } as unknown as PrismaClient;
}

describe('startHealthProbes', () => {
  it('probes again every interval, one round at a time, until stopped', async () => {
    let rounds = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const db = fakeDb(async () => {
      rounds++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(15);
      inFlight--;
      return [];
    });
    const probes = startHealthProbes(db, 5);
    await sleep(120);
    await probes.stop();
    const seen = rounds;
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(maxInFlight).toBe(1);
    await sleep(50);
    expect(rounds).toBe(seen);
  });

  it('reports a failed round and goes on', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const db = fakeDb(async () => {
      rounds++;
      throw new Error('database away');
    });
    const probes = startHealthProbes(db, 5, { onError: (err) => errors.push(err) });
    await sleep(60);
    await probes.stop();
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBeInstanceOf(Error);
  });
});

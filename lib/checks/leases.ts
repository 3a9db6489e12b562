// Leases on check runs, so several app processes can share one database
// (docs/decisions/019-check-run-leases.md). The process that will execute a
// run owns it (`lease_owner`) and keeps pushing `lease_expires_at` forward
// while it lives; any process's sweeper closes runs whose lease ran out.
// Expiry is always computed with the database's clock (`now()`), never an app
// server's, so clock skew between machines cannot close a live run.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';

/** How often a process renews the leases of the runs it holds: a few times per lease. */
export const HEARTBEAT_MS = 5_000;
/** A lease lasts four heartbeats: three renewals in a row may fail (a slow database, a long GC pause) before a live run is lost. */
export const LEASE_MS = 20_000;
/** Every process sweeps this often; a dead process's runs are closed within LEASE_MS + SWEEP_EVERY_MS. */
export const SWEEP_EVERY_MS = 10_000;

/** This process, as written into the runs it executes: which machine, which process, and a nonce because pids are reused across restarts and containers. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Heartbeats that fit in one lease; a lease survives this many minus one failed renewals. */
export function renewalsPerLease(leaseMs = LEASE_MS, heartbeatMs = HEARTBEAT_MS): number {
  return Math.floor(leaseMs / heartbeatMs);
}

/** The longest a run of a process that died right after renewing stays open: its whole lease, then up to one sweep interval. */
export function worstCaseCloseMs(leaseMs = LEASE_MS, sweepEveryMs = SWEEP_EVERY_MS): number {
  return leaseMs + sweepEveryMs;
}

/** Whether a lease has run out at `now` (a run with no lease yet is judged by the sweeper's other rule). */
export function leaseExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() < now.getTime();
}

/** Extends, in ONE statement, the leases this owner still holds on unfinished runs; returns how many it renewed. */
export function renewLeases(db: PrismaClient, owner: string, ids: string[], leaseMs = LEASE_MS): Promise<number> {
  return db.$executeRaw`
    UPDATE check_runs SET lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
    WHERE id = ANY(${ids}::text[]) AND lease_owner = ${owner} AND status IN ('queued', 'running')`;
}

/**
 * The heartbeat of one process: remembers the runs it is executing and renews
 * all their leases every HEARTBEAT_MS with a single statement, however many
 * batches are in flight. The timer runs only while something is held.
 */
export class LeaseKeeper {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(
    private readonly renew: (ids: string[]) => Promise<unknown>,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Starts renewing these runs' leases now and on every heartbeat. */
  async hold(ids: string[]): Promise<void> {
    for (const id of ids) this.held.add(id);
    if (!this.timer && this.held.size) {
      this.timer = setInterval(() => void this.tick(), this.heartbeatMs);
      this.timer.unref(); // the runs themselves keep the process busy, not their heartbeat
    }
    await this.tick();
  }

  /** Stops renewing a run (it finished, or it was never started). */
  release(id: string): void {
    this.held.delete(id);
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  get size(): number {
    return this.held.size;
  }

  /** One renewal for everything held. Skipped while the previous one is still out, so a slow database is not sent a pile of them. */
  async tick(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      await this.renew([...this.held]);
    } catch (err) {
      // The lease outlives several heartbeats: the next one tries again.
      log.warn({ err, runs: this.held.size }, 'checks: could not renew run leases');
    } finally {
      this.renewing = false;
    }
  }
}

const keepers = new WeakMap<PrismaClient, LeaseKeeper>();

/** The one heartbeat per database client (in the app, per process). */
export function keeperFor(db: PrismaClient): LeaseKeeper {
  let keeper = keepers.get(db);
  if (!keeper) {
    keeper = new LeaseKeeper((ids) => renewLeases(db, INSTANCE_ID, ids));
    keepers.set(db, keeper);
  }
  return keeper;
}

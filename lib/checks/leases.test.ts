// The lease timing rules and the heartbeat that keeps a process's runs alive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HEARTBEAT_MS,
  INSTANCE_ID,
  LEASE_MS,
  LeaseKeeper,
  leaseExpired,
  renewalsPerLease,
  SWEEP_EVERY_MS,
  worstCaseCloseMs,
} from './leases';

describe('lease timing', () => {
  it('lets a lease survive at least three failed renewals in a row', () => {
    expect(renewalsPerLease()).toBeGreaterThanOrEqual(4);
    expect(renewalsPerLease(20_000, 5_000)).toBe(4);
    expect(renewalsPerLease(9_000, 5_000)).toBe(1);
  });

  it('closes a dead process’s runs within a lease and a sweep, well under a minute', () => {
    expect(worstCaseCloseMs()).toBe(LEASE_MS + SWEEP_EVERY_MS);
    expect(worstCaseCloseMs()).toBeLessThanOrEqual(60_000);
    expect(HEARTBEAT_MS).toBeLessThan(LEASE_MS);
  });

  it('judges expiry strictly, and a run without a lease as not expired', () => {
    const now = new Date('2026-12-03T12:00:00.000Z');
    expect(leaseExpired(new Date('2026-12-03T11:59:59.999Z'), now)).toBe(true);
    expect(leaseExpired(now, now)).toBe(false);
    expect(leaseExpired(new Date('2026-12-03T12:00:20.000Z'), now)).toBe(false);
    expect(leaseExpired(null, now)).toBe(false);
  });

  it('names this process by host, pid and a nonce', () => {
    const [host, pid, nonce] = INSTANCE_ID.split(':');
    expect(host).toBeTruthy();
    expect(pid).toBe(String(process.pid));
    expect(nonce).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('LeaseKeeper (the heartbeat)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renews everything it holds in one call per heartbeat, from the moment it holds it', async () => {
    const renew = vi.fn(async (_ids: string[]) => 0);
    const keeper = new LeaseKeeper(renew, 5_000);
    await keeper.hold(['a', 'b']);
    expect(renew).toHaveBeenCalledTimes(1);
    await keeper.hold(['c']); // a second batch joins the same heartbeat
    renew.mockClear();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(renew.mock.calls[0]![0].sort()).toEqual(['a', 'b', 'c']);
    keeper.release('b');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(renew.mock.calls[1]![0].sort()).toEqual(['a', 'c']);
  });

  it('stops its timer once nothing is held', async () => {
    const renew = vi.fn(async () => 0);
    const keeper = new LeaseKeeper(renew, 5_000);
    await keeper.hold(['a']);
    keeper.release('a');
    renew.mockClear();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps going after a failed renewal, and never stacks renewals on a slow database', async () => {
    let release: () => void = () => {};
    const renew = vi
      .fn<(ids: string[]) => Promise<number>>()
      .mockRejectedValueOnce(new Error('connection reset'))
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(1))))
      .mockResolvedValue(1);
    const keeper = new LeaseKeeper(renew, 5_000);
    await keeper.hold(['a']); // fails, logged
    await vi.advanceTimersByTimeAsync(5_000); // starts a renewal that hangs
    await vi.advanceTimersByTimeAsync(15_000); // three heartbeats pass while it hangs
    expect(renew).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(3);
    keeper.release('a');
  });
});

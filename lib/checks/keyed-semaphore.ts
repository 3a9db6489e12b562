// A counting semaphore per key (an agent URL, a launch), in process. Waiters
// are served first come, first served; a key's entry is dropped when nobody
// holds or waits for it, so a thousand one-off launches leave nothing behind.
export class KeyedSemaphore {
  private readonly entries = new Map<string, { held: number; waiters: (() => void)[] }>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer (got ${limit})`);
  }

  /** Resolves with a release function once a slot for `key` is free. */
  async acquire(key: string): Promise<() => void> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { held: 0, waiters: [] };
      this.entries.set(key, entry);
    }
    if (entry.held < this.limit) entry.held++;
    else await new Promise<void>((resolve) => entry.waiters.push(resolve)); // the releaser hands its slot over
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = entry.waiters.shift();
      if (next) next();
      else if (--entry.held === 0) this.entries.delete(key);
    };
  }

  /** Keys with a slot held or waited for (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  heldFor(key: string): number {
    return this.entries.get(key)?.held ?? 0;
  }
}

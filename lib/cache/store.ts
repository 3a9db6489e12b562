// A bounded, tag-invalidated store of read results (promises), shared by every
// request of this process. Pure: no database, so it is unit-tested on its own.
// Values are shared between requests: callers treat them as read-only.
import type { CacheTag } from './tags';

interface Entry {
  value: Promise<unknown>;
  tags: readonly CacheTag[];
  expires: number;
}

export interface StoreOptions {
  /** Entries kept; the least recently used goes first. */
  maxEntries: number;
  /** Safety net: an entry older than this is read again even if no write was heard of. */
  ttlMs: number;
  now?: () => number;
}

export class TaggedStore {
  // A Map iterates in insertion order; a hit re-inserts, so the first key is the least recently used.
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly opts: StoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached result for `key`, or `load()`'s, stored under `tags`. The promise
   * is stored at once, so concurrent misses share one load, and an invalidation
   * that arrives while it runs removes it: a load that began before a write is
   * never kept after that write. A failed load is not kept.
   */
  get<T>(key: string, tags: readonly CacheTag[], load: () => Promise<T>, opts: { store: boolean; ttlMs?: number }): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    if (hit) this.entries.delete(key);
    const value = load();
    if (!opts.store) return value;
    const entry: Entry = { value, tags, expires: this.now() + (opts.ttlMs ?? this.opts.ttlMs) };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets every entry that read anything under one of `tags`. */
  invalidate(tags: readonly CacheTag[]): void {
    for (const [key, entry] of this.entries) {
      if (entry.tags.some((t) => tags.includes(t))) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

import { describe, expect, it } from 'vitest';
import { TaggedStore } from './store';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('TaggedStore', () => {
  it('loads once, then serves the stored result until a write under one of its tags', async () => {
    const store = new TaggedStore({ maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await store.get('a', ['incidents'], load, { store: true })).toBe(1);
    expect(await store.get('a', ['incidents'], load, { store: true })).toBe(1);
    store.invalidate(['checks']);
    expect(await store.get('a', ['incidents'], load, { store: true })).toBe(1);
    store.invalidate(['incidents']);
    expect(await store.get('a', ['incidents'], load, { store: true })).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const store = new TaggedStore({ maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    const [x, y] = await Promise.all([
      store.get('k', ['runbooks'], load, { store: true }),
      store.get('k', ['runbooks'], load, { store: true }),
    ]);
    expect([x, y, loads]).toEqual([1, 1, 1]);
  });

  it('never keeps a load that began before an invalidation', async () => {
    const store = new TaggedStore({ maxEntries: 10, ttlMs: 60_000 });
    const slow = deferred<string>();
    const first = store.get('k', ['incidents'], () => slow.promise, { store: true });
    store.invalidate(['incidents']); // the write commits while the old read is still running
    slow.resolve('old');
    expect(await first).toBe('old');
    expect(await store.get('k', ['incidents'], async () => 'new', { store: true })).toBe('new');
  });

  it('does not keep failures, honours the TTL and the entry bound (least recently used goes)', async () => {
    let now = 0;
    const store = new TaggedStore({ maxEntries: 2, ttlMs: 1_000, now: () => now });
    await expect(store.get('f', ['checks'], () => Promise.reject(new Error('db down')), { store: true })).rejects.toThrow();
    expect(await store.get('f', ['checks'], async () => 'ok', { store: true })).toBe('ok');

    now = 1_001;
    expect(await store.get('f', ['checks'], async () => 'fresh', { store: true })).toBe('fresh');

    await store.get('a', ['checks'], async () => 'a', { store: true });
    await store.get('f', ['checks'], async () => 'unused', { store: true }); // f is used again: a is now the oldest
    await store.get('b', ['checks'], async () => 'b', { store: true });
    expect(store.size).toBe(2);
    expect(await store.get('f', ['checks'], async () => 'reloaded', { store: true })).toBe('fresh');
    expect(await store.get('a', ['checks'], async () => 'reloaded', { store: true })).toBe('reloaded');
  });

  it('stores nothing when told not to (PostgreSQL while the listener is down)', async () => {
    const store = new TaggedStore({ maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    await store.get('k', ['incidents'], async () => ++loads, { store: false });
    await store.get('k', ['incidents'], async () => ++loads, { store: false });
    expect(loads).toBe(2);
    expect(store.size).toBe(0);
  });
});

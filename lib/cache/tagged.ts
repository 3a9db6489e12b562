// Cached reads: `cached(key, tags, load)` keeps a viewer-independent read
// result in this process until a write under one of `tags` (docs/decisions/018).
// The key must name everything the result depends on (slug, drafts visible or
// not, filters); nothing per viewer (who is signed in, their role) may be read
// inside `load`: decide those outside and pass them in as part of the key.
import 'server-only';
import { CacheListener } from './listener';
import { processStore } from './process';
import type { CacheTag } from './tags';

// The embedded database routes LISTEN/NOTIFY between its clients like PostgreSQL
// (docs/decisions/027), so both keep entries only while this process listens.
type Mode = 'off' | 'listening';

function mode(): Mode {
  return process.env.PMKB_READ_CACHE === 'off' || !process.env.DATABASE_URL ? 'off' : 'listening';
}

const g = globalThis as unknown as { pmkbCacheListener?: CacheListener };

function listener(): CacheListener {
  g.pmkbCacheListener ??= new CacheListener(process.env.DATABASE_URL!, processStore());
  g.pmkbCacheListener.start();
  return g.pmkbCacheListener;
}

/** opts.ttlMs: a shorter life than the default, for results that also show untagged live data. */
export function cached<T>(
  key: string,
  tags: readonly CacheTag[],
  load: () => Promise<T>,
  opts: { ttlMs?: number } = {},
): Promise<T> {
  switch (mode()) {
    case 'off':
      return load();
    case 'listening':
      return processStore().get(key, tags, load, { store: listener().live, ttlMs: opts.ttlMs });
  }
}

/** For tests and shutdown: stop listening (the next cached read starts a new listener). */
export async function stopCacheListener(): Promise<void> {
  const l = g.pmkbCacheListener;
  g.pmkbCacheListener = undefined;
  await l?.stop();
}

/** Resolves once this process listens for other processes' writes (tests). */
export async function cacheListening(): Promise<void> {
  if (mode() === 'listening') await listener().ready();
}

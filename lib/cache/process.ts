// This process's one read cache: the store every request shares and, on
// PostgreSQL, the listener that hears other processes' writes. On globalThis so
// route bundles and dev hot reloads share one (as lib/db.ts does for Prisma).
// No 'server-only' and no database import here: the write paths that call
// invalidateLocal also run in CLI scripts, where the store simply stays empty.
import { TaggedStore } from './store';
import type { CacheTag } from './tags';

/** Enough for every incident and runbook page, list and facet set of a large archive; a miss only costs a query. */
export const CACHE_MAX_ENTRIES = 2_000;
/**
 * Safety net on PostgreSQL, where invalidation arrives by NOTIFY: if a
 * notification were ever lost without the connection dropping, staleness still
 * ends here. Losing the listener connection empties the cache at once.
 */
export const SAFETY_TTL_MS = 5 * 60_000;

const g = globalThis as unknown as { pmkbReadCache?: TaggedStore };

export function processStore(): TaggedStore {
  g.pmkbReadCache ??= new TaggedStore({ maxEntries: CACHE_MAX_ENTRIES, ttlMs: SAFETY_TTL_MS });
  return g.pmkbReadCache;
}

/** After a write has committed: this process forgets what it read under `tags` (other processes hear the NOTIFY). */
export function invalidateLocal(tags: readonly CacheTag[]): void {
  g.pmkbReadCache?.invalidate(tags);
}

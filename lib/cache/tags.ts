// What cached reads depend on. A write names the tags of what it changed; every
// cached read names the tags of everything it read. Coarse on purpose: writes are
// rare next to reads, and "similar incidents" of one incident depend on the
// symptoms of all the others, so a per-row tag would miss real dependencies.
export const CACHE_TAGS = ['incidents', 'runbooks', 'checks', 'synonyms'] as const;
export type CacheTag = (typeof CACHE_TAGS)[number];

/** The Postgres channel writers NOTIFY and every app process LISTENs on. */
export const CACHE_CHANNEL = 'pmkb_cache';

export const isCacheTag = (s: string): s is CacheTag => (CACHE_TAGS as readonly string[]).includes(s);

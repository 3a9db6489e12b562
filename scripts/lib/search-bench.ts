// What bench:search and bench:search-ab share: the query mix, percentiles, and
// the per-process state the app keeps (word shares, thesaurus, vocabulary rows)
// loaded the way the app loads it, so a script sends the app's statements.
import type pg from 'pg';
import type { VocabularyCache } from '../../lib/search/engine';
import type { HeadShares } from '../../lib/search/head-scan';
import { SEARCH_LIMIT_DEFAULT } from '../../lib/search/schema';
import { headFrequencyStatement } from '../../lib/search/sql';
import { compileThesaurus, type Thesaurus } from '../../lib/search/synonyms';

// The fixed mix: rare and common terms, 1 to 6 words, misspellings, phrases,
// commands, and words with synonyms (k8s, oom, vm, dns).
export const QUERIES = [
  'latency',
  'error',
  'arp_ignore',
  'ipvsadm',
  '10.43.0.1',
  'FIN_WAIT',
  'coredns',
  'gateway FAILED in ip neigh',
  'pods get no IP after reboot',
  'connections stuck in FIN_WAIT',
  'VMs not pingable but hypervisor fine',
  'certificate expired',
  'disk full no space left on device postgres',
  'kafka consumer lag grows',
  'replication lag on postgres-replica above seconds',
  'p99 latency checkout after config push rollback',
  'certifcate expird',
  'conntrak table ful',
  'kubernets dns timout',
  '"No space left on device"',
  '"connection refused"',
  'DNS -coredns',
  'redis or memcached',
  'leap second',
];

/** A search as GET /api/search runs it with no parameters but `q`: the first page, the API's default size. */
export const apiInput = (q: string) => ({ q, limit: SEARCH_LIMIT_DEFAULT, offset: 0 });

export const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** The word shares the app reads once per process (lib/search/queries.ts headShares). */
export async function loadHeadShares(client: pg.Pool): Promise<HeadShares> {
  const st = headFrequencyStatement();
  const rows = (await client.query<{ lexeme: string; share: number }>(st.text, st.values)).rows;
  return new Map(rows.map((r) => [r.lexeme, Number(r.share)]));
}

export async function loadThesaurus(client: pg.Pool): Promise<Thesaurus> {
  const rows = (await client.query<{ terms: string[] }>('SELECT terms FROM synonym_groups ORDER BY id')).rows;
  return compileThesaurus(rows.map((r) => r.terms));
}

/**
 * The app keeps each query's vocabulary rows in its read cache until a write
 * (lib/search/queries.ts); a script keeps them here (`clear` when the corpus changes).
 */
export function vocabularyMemo(): { cache: VocabularyCache; clear: () => void } {
  const rows = new Map<string, ReturnType<Parameters<VocabularyCache>[1]>>();
  return {
    cache: (words, load) => {
      const key = words.join(' ');
      let kept = rows.get(key);
      if (!kept) rows.set(key, (kept = load()));
      return kept;
    },
    clear: () => rows.clear(),
  };
}

// How the two head stages of a search (title and symptoms: all words, then any
// word) read incidents, decided per query from how common its words are
// (decision 040). A GIN lookup builds a bitmap of every matching incident before
// the stage's cap applies; for a word in a fifth of all incidents that is tens
// of thousands of entries, while reading incidents in order stops after a few
// thousand rows. Both give the same candidates (lib/search/sql.ts headMatch).
import type { ResolvedQuery } from './engine';
import type { SearchFilters } from './schema';
import { INDEX_HEAD_SCAN, SEQUENTIAL_HEAD_SHARE, type HeadScan } from './sql';

/** Share of incidents whose title and symptoms hold a lexeme (the planner's statistics, sql.ts headFrequencyStatement); absent: rarer. */
export type HeadShares = ReadonlyMap<string, number>;

/**
 * Sequential only where the stage is known to match at least
 * SEQUENTIAL_HEAD_SHARE of incidents, so the read stops early: the any-word
 * stage matches at least as often as its most common word; the all-words stage
 * only when the query is that one word. A filter, a phrase or an excluded word
 * can make matches rarer than any word is, so those keep the index.
 */
export function chooseHeadScan(r: ResolvedQuery, f: SearchFilters, shares: HeadShares): HeadScan {
  const a = r.analyzed;
  if (shares.size === 0 || f.service || f.tag || f.severity || f.year !== undefined || a.phrases || a.negative) {
    return INDEX_HEAD_SCAN;
  }
  const common = r.headLexemes.filter((l) => (shares.get(l) ?? 0) >= SEQUENTIAL_HEAD_SHARE);
  const oneCommonWord = r.allWordsLookedUp && r.fixes.length === 0 && r.headLexemes.length === 1 && common.length === 1;
  return { strict: oneCommonWord ? 'sequential' : 'index', loose: common.length > 0 ? 'sequential' : 'index' };
}

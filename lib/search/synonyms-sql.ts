// The SQL side of synonym expansion (./synonyms.ts decides the expansions):
// the query's tsqueries with each typed word or phrase rewritten to
// (typed | synonyms), and the rank that counts synonym matches less. With no
// expansion every function returns the statement's original SQL unchanged.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Expansion } from './synonyms';

const { sql } = Prisma;

/**
 * What a match found only through synonyms is worth against the typed words.
 * A document is ranked by the better of its rank for the typed words and this
 * share of its rank for the typed words or their synonyms: a document that says
 * "k8s" ranks above an otherwise equal one that says "kubernetes" for "k8s".
 */
export const SYNONYM_WEIGHT = 0.8;

/** `query` (a tsquery) with every expansion's typed words OR'ed with their synonyms (pmkb_synonym_rewrite). */
export function rewriteWithSynonyms(query: Prisma.Sql, expansions: readonly Expansion[]): Prisma.Sql {
  return expansions.reduce((q, e) => sql`pmkb_synonym_rewrite(${q}, ${e.typed}::text, ${e.added}::text[])`, query);
}

/** The any-word query plus every synonym (the loose stage, snippets and highlights). */
export function looseWithSynonyms(loose: Prisma.Sql, expansions: readonly Expansion[]): Prisma.Sql {
  if (expansions.length === 0) return loose;
  return sql`(${loose} || pmkb_tsquery_any(${expansions.flatMap((e) => e.added)}::text[]))`;
}

/**
 * ts_rank of a vector, `q.loose` holding the synonyms and `q.typed` the query
 * without them (selected only when there are expansions).
 */
export function synonymAwareRank(weights: Prisma.Sql, vector: Prisma.Sql, expanded: boolean): Prisma.Sql {
  if (!expanded) return sql`ts_rank(${weights}, ${vector}, q.loose, 32)`;
  return sql`greatest(ts_rank(${weights}, ${vector}, q.typed, 32), ${SYNONYM_WEIGHT}::float4 * ts_rank(${weights}, ${vector}, q.loose, 32))`;
}

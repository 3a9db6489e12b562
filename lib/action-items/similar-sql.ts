// "Also proposed in": action items of other postmortems whose text is close to
// an item's, by pg_trgm similarity over action_items_text_trgm_idx. Rewordings
// ("Buy KVMs for game servers" / "Buy dedicated KVMs for the game server hosts")
// pair up; items that merely share a common word do not.
import { Prisma } from '@/lib/generated/prisma/client';

const { sql } = Prisma;

/**
 * The similarity (0..1, pg_trgm's trigram overlap) from which two items count as
 * the same proposal. 0.5 pairs rewordings of one remedy; at pg_trgm's default of
 * 0.3, unrelated items sharing "monitoring" or "runbook" already paired.
 * The `%` operator (threshold 0.3) lets the GIN index find candidates first.
 */
export const ALSO_PROPOSED_MIN_SIMILARITY = 0.5;
/** Links shown per item: the strongest few say "this keeps coming up". */
export const ALSO_PROPOSED_SHOWN_MAX = 5;

export interface AlsoProposedRow {
  item_id: string;
  incident_id: string;
  text: string;
  similarity: number;
}

/** For each given item, the closest items of other incidents at or above the threshold. */
export function alsoProposedStatement(itemIds: string[]): Prisma.Sql {
  return sql`
SELECT item_id, incident_id, text, similarity FROM (
  SELECT a.id AS item_id, b.incident_id, b.text, similarity(a.text, b.text)::float8 AS similarity,
    row_number() OVER (PARTITION BY a.id ORDER BY similarity(a.text, b.text) DESC, b.id) AS n
  FROM action_items a
  JOIN action_items b ON b.text % a.text AND b.incident_id <> a.incident_id
  WHERE a.id = ANY(${itemIds}::text[]) AND similarity(a.text, b.text) >= ${ALSO_PROPOSED_MIN_SIMILARITY}
) x
WHERE n <= ${ALSO_PROPOSED_SHOWN_MAX}
ORDER BY item_id, similarity DESC`;
}

-- Faster search (docs/decisions/005-search-ranking.md, "Candidates from the head").
-- Hand-written: the generated column's expression is invisible to the Prisma
-- schema diff; the column and index are declared in schema.prisma under the same
-- names so the diff agrees.

-- The weight-A part of search_vector (title + symptoms) as its own, much smaller
-- vector. Its GIN posting lists are a fraction of the full vector's, so the
-- candidate scan for a common word builds a small bitmap instead of one over
-- half the table. Generated from search_vector, it is current in every path that
-- writes the vector (row triggers, child-table triggers, bulk loaders) with no
-- trigger of its own. Weight A comes first in pmkb_incident_vector, so positions
-- (and therefore phrase matches) are the same as in search_vector.
-- Adding a stored generated column rewrites the table once.
ALTER TABLE "incidents"
  ADD COLUMN "search_head" tsvector GENERATED ALWAYS AS (ts_filter("search_vector", '{a}')) STORED;

CREATE INDEX "incidents_search_head_idx" ON "incidents" USING GIN ("search_head");

-- GIN "fast update" parks new entries in a pending list that every search then
-- reads sequentially until VACUUM merges it: after a bulk load of 10k incidents
-- that list made searches 3x slower (p95 50 ms instead of 15 ms). Writes here
-- are rare (people editing postmortems, occasional imports) and reads are the
-- hot path, so the search indexes merge each entry at write time instead.
ALTER INDEX "incidents_search_vector_idx" SET (fastupdate = off);
ALTER INDEX "incidents_search_head_idx" SET (fastupdate = off);
ALTER INDEX "runbooks_search_vector_idx" SET (fastupdate = off);
ALTER INDEX "search_terms_word_trgm_idx" SET (fastupdate = off);
ALTER INDEX "symptoms_text_trgm_idx" SET (fastupdate = off);
ALTER INDEX "incidents_title_trgm_idx" SET (fastupdate = off);
-- Merge what is already pending (fastupdate = off only stops new additions).
SELECT gin_clean_pending_list(c.oid::regclass)
FROM pg_class c
WHERE c.relname IN ('incidents_search_vector_idx', 'incidents_search_head_idx', 'runbooks_search_vector_idx',
                    'search_terms_word_trgm_idx', 'symptoms_text_trgm_idx', 'incidents_title_trgm_idx')
  AND c.relkind = 'i';

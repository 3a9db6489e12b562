// "Similar incidents" and "runbooks that mention these symptoms" for an incident
// page. Symptom similarity is pg_trgm similarity between symptom texts (the
// symptoms_text_trgm_idx index), so rewordings and typos still pair up.
import { Prisma } from '@/lib/generated/prisma/client';
import { HIGHLIGHT_ALL, RUNBOOK_PLAIN_TEXT } from './sql';

const { sql } = Prisma;

/** Symptoms of the incident compared; more would be a write-up, not a symptom list. */
const OWN_SYMPTOMS_MAX = 12;
/** Pairs shown per similar incident: enough to see why it is similar. */
const SHARED_SHOWN_MAX = 3;
/** Runbooks below this ts_rank (0..1 scale) mention the symptoms only in passing. */
const RUNBOOK_RANK_MIN = 0.05;

export interface SimilarRow {
  slug: string;
  title: string;
  started_at: Date;
  severity: string;
  score: number;
  shared: { mine: string; theirs: string; similarity: number }[];
}

/** Incidents whose symptoms are most similar to this one's, with the pairs that matched. */
export function similarIncidentsStatement(incidentId: string, limit: number): Prisma.Sql {
  return sql`
WITH mine AS (
  SELECT text FROM symptoms WHERE incident_id = ${incidentId} ORDER BY position LIMIT ${OWN_SYMPTOMS_MAX}
),
pairs AS (
  SELECT t.incident_id, m.text AS mine, t.text AS theirs, similarity(m.text, t.text) AS sim
  FROM mine m JOIN symptoms t ON t.text % m.text AND t.incident_id <> ${incidentId}
),
best AS (
  -- Each of their symptoms counts once, with its closest match among ours.
  SELECT DISTINCT ON (incident_id, theirs) incident_id, mine, theirs, sim FROM pairs ORDER BY incident_id, theirs, sim DESC
),
ranked AS (
  SELECT b.incident_id, sum(b.sim) AS score FROM best b
  JOIN incidents i ON i.id = b.incident_id AND NOT i.draft
  GROUP BY b.incident_id ORDER BY score DESC LIMIT ${limit}
)
SELECT i.slug, i.title, i.started_at, i.severity::text AS severity, r.score::float8 AS score,
  (SELECT json_agg(json_build_object('mine', x.mine, 'theirs', x.theirs, 'similarity', round(x.sim::numeric, 2)) ORDER BY x.sim DESC)
     FROM (SELECT * FROM best b WHERE b.incident_id = r.incident_id ORDER BY b.sim DESC LIMIT ${SHARED_SHOWN_MAX}) x) AS shared
FROM ranked r JOIN incidents i ON i.id = r.incident_id
ORDER BY r.score DESC, i.started_at DESC`;
}

export interface RelatedRunbookRow {
  slug: string;
  title: string;
  summary: string;
  snippet: string;
}

/** Runbooks whose text mentions this incident's symptoms, strongest first, excluding linked ones. */
export function symptomRunbooksStatement(incidentId: string, limit: number): Prisma.Sql {
  return sql`
WITH q AS MATERIALIZED (
  SELECT coalesce((
    SELECT string_agg('''' || w || '''', ' | ')
    FROM unnest(tsvector_to_array(pmkb_text_vector(
      (SELECT string_agg(text, ' ') FROM (SELECT text FROM symptoms WHERE incident_id = ${incidentId} ORDER BY position LIMIT ${OWN_SYMPTOMS_MAX}) s)
    ))) AS w
    WHERE w !~ '[''\\[:space:]]' AND length(w) > 2
  ), '')::tsquery AS q
),
ranked AS (
  SELECT r.id, r.slug, r.title, r.summary, ${RUNBOOK_PLAIN_TEXT} AS plain, ts_rank('{0.1, 0.2, 0.4, 1.0}', r.search_vector, q.q, 32) AS rank
  FROM runbooks r, q
  WHERE r.search_vector @@ q.q
    AND NOT EXISTS (SELECT 1 FROM incident_runbooks ir WHERE ir.incident_id = ${incidentId} AND ir.runbook_id = r.id)
)
SELECT slug, title, summary, ts_headline('english', left(concat_ws(E'\n', summary, plain), 6000), q.q, ${HIGHLIGHT_ALL}) AS snippet
FROM ranked, q
WHERE rank >= ${RUNBOOK_RANK_MIN}
ORDER BY rank DESC, slug
LIMIT ${limit}`;
}

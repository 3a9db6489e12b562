// The search SQL, built only from tagged Prisma.sql templates: every user value
// is a bind parameter. The same Prisma.Sql objects run through Prisma in the app
// and through plain `pg` in the benchmark (`.text` / `.values`), so both measure
// the same statements. Ranking is explained in docs/decisions/005-search-ranking.md.
import { Prisma } from '@/lib/generated/prisma/client';
import { CORRECTION_WORD_MIN } from './correction';
import type { AnalyzedQuery } from './query-text';
import { SEARCH_CANDIDATES_MAX, type SearchFilters } from './schema';
import type { Expansion } from './synonyms';
import { looseWithSynonyms, rewriteWithSynonyms, synonymAwareRank } from './synonyms-sql';

const { sql, empty, join } = Prisma;

/** A query lexeme replaced by an indexed word (decided in lib/search/correction.ts). */
export interface LexemeFix {
  lexeme: string;
  term: string;
}

// Private-use characters mark highlights: the text between them is escaped
// (API) or rendered as React text (page); ts_headline itself escapes nothing.
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
/** ts_headline options marking every match in the whole text; the snippet is cut from it in lib/search/snippet.ts. */
export const HIGHLIGHT_ALL = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;
/**
 * A runbook's body as plain text (runbooks.body_text, written with the body).
 * Until a row has it (written by plain SQL; `npm start` fills it), a rough
 * cleanup: link targets and markdown punctuation become spaces.
 */
export const RUNBOOK_PLAIN_TEXT = sql`coalesce(r.body_text, regexp_replace(regexp_replace(r.body, '\\]\\([^)]*\\)', ' ', 'g'), '[#*\`>|\\[\\]]+', ' ', 'g'))`;
/** Candidates, best ranked first, whose title is compared with the query for the score's title bonus (searchStatement). */
export const TITLE_BONUS_CANDIDATES = 50;
/**
 * The query's stems (3 characters or more, from the `terms` CTE) as one regular
 * expression, every character but letters, digits and _ escaped (a lexeme can
 * hold a URL path such as "/a(b"): which candidates get the title bonus (page).
 * Matches nothing when there is no such stem.
 */
export const TITLE_STEMS_PATTERN = sql`coalesce((SELECT string_agg(DISTINCT regexp_replace(term, '([^[:alnum:]_])', '\\\\\\1', 'g'), '|') FROM terms WHERE length(term) >= 3), '^$')`;
/** Characters of a document given to ts_headline: enough for the snippet's sentences, cheap to parse. */
const HEADLINE_SOURCE_MAX = 6_000;

// ts_rank weights for {D, C, B, A}: narrative, then timeline/steps/commands,
// then summary/factors/tags, then title/symptoms.
const WEIGHTS = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;

function yearRange(year: number) {
  return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))] as const;
}

function incidentFilter(f: SearchFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [sql`NOT i.draft`];
  if (f.service)
    parts.push(
      sql`EXISTS (SELECT 1 FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = i.id AND s.name = ${f.service})`,
    );
  if (f.tag)
    parts.push(
      sql`EXISTS (SELECT 1 FROM incident_tags x JOIN tags t ON t.id = x.tag_id WHERE x.incident_id = i.id AND t.name = ${f.tag})`,
    );
  if (f.severity) parts.push(sql`i.severity = ${f.severity}::"Severity"`);
  if (f.year !== undefined) {
    const [from, to] = yearRange(f.year);
    parts.push(sql`i.started_at >= ${from} AND i.started_at < ${to}`);
  }
  return join(parts, ' AND ');
}

function runbookFilter(f: SearchFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [sql`TRUE`];
  if (f.service)
    parts.push(
      sql`EXISTS (SELECT 1 FROM runbook_services x JOIN services s ON s.id = x.service_id WHERE x.runbook_id = r.id AND s.name = ${f.service})`,
    );
  if (f.tag)
    parts.push(
      sql`EXISTS (SELECT 1 FROM runbook_tags x JOIN tags t ON t.id = x.tag_id WHERE x.runbook_id = r.id AND t.name = ${f.tag})`,
    );
  return join(parts, ' AND ');
}

/** Runbooks have no severity or start date: those filters leave incidents only. */
const wantsIncidents = (f: SearchFilters) => f.type !== 'runbook';
const wantsRunbooks = (f: SearchFilters) => f.type !== 'incident' && !f.severity && f.year === undefined;

/**
 * A stage's candidates: what it joins to its table and the columns every
 * candidate carries, so nothing is fetched again by primary key after the scan.
 * `rank` (ts_rank of the any-word query, weighted and scaled into 0..1) is
 * computed where the row is first read; the title's trigram bonus is added
 * later, for the few candidates it can matter to (searchStatement's `page`,
 * decision 040). `terms`, for the partial stages only, counts the query terms
 * the document contains, for the relevance floor (partialFloor).
 *
 * Each use of a stored vector reads it from TOAST again (1.2 ms per 500
 * candidates at 100k incidents, timed from the client). A stage that uses it more than once
 * (two ranks when synonyms are in play, the term count of a partial match, a
 * test of the vector itself when the query excludes words) copies it into
 * memory once, in a lateral subquery that OFFSET 0 keeps PostgreSQL from
 * folding back into each use; `vector` is what the stage's own tests use. The
 * copy is `setweight` with no lexemes to reweight: the vector read and copied
 * as it is. `vector || ''` rebuilt it lexeme by lexeme, which cost as much as
 * reading it (1.2 ms per 500 candidates at 100k incidents, each).
 */
function candidates(alias: 'i' | 'r', ranked: boolean, expanded: boolean, partial: boolean, tested = false) {
  const table = Prisma.raw(alias);
  const uses = (ranked ? (expanded ? 2 : 1) + (partial ? 1 : 0) : 0) + (tested ? 1 : 0);
  const once = uses > 1;
  const vector = once ? sql`once.v` : sql`${table}.search_vector`;
  const rank = ranked ? sql`${synonymAwareRank(WEIGHTS, vector, expanded)}::float8` : sql`NULL::float8`;
  const terms = ranked && partial ? sql`(SELECT count(*) FROM unnest(q.each_term) AS t WHERE once.v @@ t)::int` : sql`NULL::int`;
  const own =
    alias === 'i'
      ? sql`i.id, i.slug, i.title, i.started_at AS at, i.severity::text AS severity`
      : sql`r.id, r.slug, r.title, coalesce(r.reviewed_at::timestamptz, r.updated_at) AS at, NULL::text AS severity`;
  return {
    join: once
      ? sql`CROSS JOIN LATERAL (SELECT setweight(${table}.search_vector, 'A', '{}'::text[]) AS v OFFSET 0) AS once`
      : empty,
    columns: sql`${own}, ${rank} AS rank, ${terms} AS terms`,
    vector,
  };
}

// The relevance floor for partial matches (documents matching only some of the
// query's words). Measured on the seeds, our sample lists and both public
// corpora (docs/decisions/022-results-that-explain-themselves.md): every
// relevance-set answer found only partially contains at least 3 of 7 of its
// query's terms and ranks at 0.71 or more of the best hit, while nonsense
// ("banana bread recipe", "football world cup", "chocolate cake") shares one word.
/** A partial match shares at least this many distinct query terms: one shared word is a coincidence. */
export const PARTIAL_MIN_TERMS = 2;
/** ... and at least this share of them (3 of 7 passes, 1 of 3 does not). */
export const PARTIAL_MIN_SHARE = 0.4;
/** ... and ranks at least this fraction of the best hit's rank: below it is the long tail of common words. */
export const PARTIAL_MIN_RELATIVE_RANK = 0.5;

/** A partial match above the relevance floor: rank against the best hit, and the query terms it contains (counted by its stage). */
function partialFloor(): Prisma.Sql {
  return sql`(found.rank >= ${PARTIAL_MIN_RELATIVE_RANK}::float8 * (SELECT max(rank) FROM found)
    AND found.terms >= greatest(${PARTIAL_MIN_TERMS}::int, ${PARTIAL_MIN_SHARE}::float8 * cardinality(q.each_term)))`;
}

/** How a head stage reads incidents (decision 040). */
export type HeadScanMode = 'index' | 'sequential';
/** The access path of the two head stages: all words (`strict`) and any word (`loose`). */
export interface HeadScan {
  strict: HeadScanMode;
  loose: HeadScanMode;
}
export const INDEX_HEAD_SCAN: HeadScan = { strict: 'index', loose: 'index' };

/**
 * `i.search_head @@ query`, through the GIN index, or (`sequential`) by reading
 * incidents in physical order and stopping at the stage's LIMIT. A GIN lookup
 * builds a bitmap of every match first, which for a word in a fifth of all
 * incidents costs more than reading rows until the cap is reached. The
 * sequential read is a TID range scan over every page: PostgreSQL cannot serve
 * `coalesce(...)` from the index, and a range scan, unlike a plain sequential
 * scan, always starts at the first page (a sequential scan of a large table may
 * start where another one is, synchronize_seqscans) and never runs in parallel.
 * Both reads return rows in physical order, so both keep the same first
 * candidates.
 */
function headMatch(query: Prisma.Sql, mode: HeadScanMode): Prisma.Sql {
  return mode === 'sequential'
    ? sql`i.ctid BETWEEN '(0,0)'::tid AND '(4294967294,65535)'::tid AND coalesce(i.search_head, ''::tsvector) @@ ${query}`
    : sql`i.search_head @@ ${query}`;
}

/**
 * The common head of every search statement: the query terms, typo fixes and the
 * set of matching documents (`hits`). Documents matching the whole query
 * (websearch_to_tsquery: all words, phrases, -exclusions) come first; only when
 * they are fewer than `needed` are documents matching any word added, so a
 * common word does not drag tens of thousands of rows into the ranking.
 *
 * Within each stage, incidents are looked up in `search_head` (title + symptoms,
 * the weight-A part of the vector) first, and in the full `search_vector` only
 * when the head gave fewer than SEARCH_CANDIDATES_MAX: a GIN lookup builds a
 * bitmap of every match before any LIMIT applies, and the head's posting lists
 * are a fraction of the full vector's. Head matches also rank highest (weight A),
 * so when a stage has to be cut at the cap, the documents kept are likely the
 * best ones rather than the first ones on disk.
 *
 * `expansions` (lib/search/synonyms.ts) widen both stages: each typed word or
 * phrase matches as (typed | synonyms); `q.typed` keeps the query without them
 * for ranking (./synonyms-sql.ts).
 *
 * With `ranked`, every candidate carries its rank, and `hits` keeps the partial
 * matches only above the relevance floor: the page, its total and the facet
 * counts all see the same documents.
 */
export function hitsCte(
  a: AnalyzedQuery,
  fixes: readonly LexemeFix[],
  f: SearchFilters,
  needed: number,
  ranked = false,
  expansions: readonly Expansion[] = [],
  gate?: VocabularyGate,
  headScan: HeadScan = INDEX_HEAD_SCAN,
): Prisma.Sql {
  const inc = wantsIncidents(f) ? sql`TRUE` : sql`FALSE`;
  const rb = wantsRunbooks(f) ? sql`TRUE` : sql`FALSE`;
  const negated = Boolean(a.negative);
  const notExcluded = (vector: Prisma.Sql) => (negated ? sql`AND NOT (${vector} @@ q.neg)` : empty);
  const expanded = expansions.length > 0;
  // Head matches of a query with excluded words are tested against the whole vector too (q.strict_monotone).
  const headWhole = candidates('i', ranked, expanded, false, negated);
  const inWhole = candidates('i', ranked, expanded, false);
  const inPartial = candidates('i', ranked, expanded, true, negated);
  const rbWhole = candidates('r', ranked, expanded, false);
  const rbPartial = candidates('r', ranked, expanded, true, negated);
  const anyWord = sql`coalesce((SELECT string_agg('''' || term || '''', ' | ') FROM terms), '')::tsquery`;
  const phrases = a.phrases ? sql`websearch_to_tsquery('english', ${a.phrases}::text)` : null;
  const loose = phrases
    ? sql`${looseWithSynonyms(anyWord, expansions)} && ${rewriteWithSynonyms(phrases, expansions)}`
    : looseWithSynonyms(anyWord, expansions);
  const notStrict = sql`NOT EXISTS (SELECT 1 FROM s_head s WHERE s.id = i.id) AND NOT EXISTS (SELECT 1 FROM s_body s WHERE s.id = i.id)`;
  return sql`
WITH ${gate ? sql`${gate.ctes},` : empty} words AS (
  SELECT DISTINCT w AS lexeme FROM unnest(tsvector_to_array(pmkb_text_vector(${a.positive}::text))) AS w
),
fixed AS MATERIALIZED (
  -- Corrections were decided beforehand (lib/search/correction.ts); a word
  -- without one is searched as typed.
  SELECT w.lexeme, coalesce(m.term, w.lexeme) AS term
  FROM words w
  LEFT JOIN unnest(${fixes.map((x) => x.lexeme)}::text[], ${fixes.map((x) => x.term)}::text[]) AS m(lexeme, term) ON m.lexeme = w.lexeme
),
terms AS (
  -- Lexemes become tsquery operands by quoting; anything with a quote,
  -- backslash or space cannot be a lexeme of ours and is left out.
  SELECT lexeme, term FROM fixed WHERE term !~ '[''\\[:space:]]'
),
q AS MATERIALIZED (
  SELECT *,
    -- A query without negation ("!") that matches the head also matches the
    -- whole vector, which contains the head. With negation it may not (the
    -- excluded word may be in the narrative), so head hits are then checked
    -- against the whole vector as well.
    strpos(strict::text, '!') = 0 AS strict_monotone
  FROM (SELECT
    ${rewriteWithSynonyms(
      sql`CASE WHEN EXISTS (SELECT 1 FROM terms WHERE term <> lexeme)
      THEN websearch_to_tsquery('english', ${a.strict}::text)
           || coalesce((SELECT string_agg('''' || term || '''', ' & ') FROM terms), '')::tsquery
      ELSE websearch_to_tsquery('english', ${a.strict}::text)
    END`,
      expansions,
    )} AS strict,
    ${loose} AS loose,
    ${expanded ? sql`${phrases ? sql`${anyWord} && ${phrases}` : anyWord} AS typed,` : empty}
    CASE WHEN ${a.negative}::text = '' THEN NULL ELSE websearch_to_tsquery('english', ${a.negative}::text) END AS neg,
    ${a.positive}::text AS plain,
    ${TITLE_STEMS_PATTERN} AS stems_in_title,
    array(SELECT DISTINCT ('''' || term || '''')::tsquery FROM terms) AS each_term) AS parts
  -- Without a row here every stage below finds nothing and reads no index.
  ${gate ? sql`WHERE ${gate.open}` : empty}
),
s_head AS MATERIALIZED (
  SELECT ${headWhole.columns} FROM q, incidents i ${headWhole.join}
  WHERE ${inc} AND ${headMatch(sql`q.strict`, headScan.strict)} AND (q.strict_monotone OR ${headWhole.vector} @@ q.strict)
    AND ${incidentFilter(f)}
  LIMIT ${SEARCH_CANDIDATES_MAX}
),
s_body AS MATERIALIZED (
  -- LIMIT 0 when the head filled the stage, and then the full index is not read at all.
  SELECT ${inWhole.columns} FROM q, incidents i ${inWhole.join}
  WHERE ${inc} AND i.search_vector @@ q.strict AND ${incidentFilter(f)}
    AND NOT EXISTS (SELECT 1 FROM s_head s WHERE s.id = i.id)
  LIMIT ${SEARCH_CANDIDATES_MAX} - (SELECT count(*) FROM s_head)
),
s_rb AS MATERIALIZED (
  SELECT ${rbWhole.columns} FROM q, runbooks r ${rbWhole.join}
  WHERE ${rb} AND r.search_vector @@ q.strict AND ${runbookFilter(f)}
  LIMIT ${SEARCH_CANDIDATES_MAX}
),
enough AS MATERIALIZED (
  SELECT (SELECT count(*) FROM s_head) + (SELECT count(*) FROM s_body) + (SELECT count(*) FROM s_rb) >= ${needed} AS yes
),
l_head AS MATERIALIZED (
  SELECT ${inPartial.columns} FROM q, incidents i ${inPartial.join}
  WHERE ${inc} AND NOT (SELECT yes FROM enough) AND ${headMatch(sql`q.loose`, headScan.loose)} ${notExcluded(inPartial.vector)}
    AND ${incidentFilter(f)} AND ${notStrict}
  LIMIT ${SEARCH_CANDIDATES_MAX}
),
l_body AS MATERIALIZED (
  SELECT ${inPartial.columns} FROM q, incidents i ${inPartial.join}
  WHERE ${inc} AND NOT (SELECT yes FROM enough) AND i.search_vector @@ q.loose ${notExcluded(inPartial.vector)}
    AND ${incidentFilter(f)} AND ${notStrict} AND NOT EXISTS (SELECT 1 FROM l_head s WHERE s.id = i.id)
  LIMIT ${SEARCH_CANDIDATES_MAX} - (SELECT count(*) FROM l_head)
),
l_rb AS MATERIALIZED (
  SELECT ${rbPartial.columns} FROM q, runbooks r ${rbPartial.join}
  WHERE ${rb} AND NOT (SELECT yes FROM enough) AND r.search_vector @@ q.loose ${notExcluded(rbPartial.vector)}
    AND ${runbookFilter(f)} AND NOT EXISTS (SELECT 1 FROM s_rb s WHERE s.id = r.id)
  LIMIT ${SEARCH_CANDIDATES_MAX}
),
found AS (
  SELECT 'incident'::text AS type, 1 AS whole, * FROM s_head
  UNION ALL SELECT 'incident', 1, * FROM s_body
  UNION ALL SELECT 'incident', 0, * FROM l_head
  UNION ALL SELECT 'incident', 0, * FROM l_body
  UNION ALL SELECT 'runbook', 1, * FROM s_rb
  UNION ALL SELECT 'runbook', 0, * FROM l_rb
),
hits AS (
  ${ranked ? sql`SELECT found.* FROM found, q WHERE found.whole = 1 OR ${partialFloor()}` : sql`SELECT * FROM found`}
)`;
}

export interface SearchRow {
  total: number;
  type: 'incident' | 'runbook' | null;
  slug: string | null;
  title: string | null;
  score: number | null;
  at: Date | null;
  severity: string | null;
  /** Matches every query word (the strict query), not only some. */
  matches_all: boolean | null;
  snippet: string | null;
  matched_symptom: string | null;
  /** The vocabulary rows of the typed words, when the statement looked them up (SearchStatementOptions.vocabulary). */
  vocabulary: VocabularyRow[] | null;
  /** False when the statement only looked words up, because one may need a correction. */
  searched: boolean;
}

/**
 * CTEs to put before the search's own, and the condition for it to run at all:
 * how the vocabulary lookup rides along in the search statement.
 */
interface VocabularyGate {
  ctes: Prisma.Sql;
  open: Prisma.Sql;
}

/**
 * The vocabulary lookup of `words` as a CTE (`vocab`, the rows of
 * vocabularyStatement), and a gate that lets the search run only when no typed
 * word may be corrected: a correction needs a word no document contains, with
 * one lexeme, of a correctable length, and some candidate (correction.ts decides
 * among them). When a word may be, the statement returns the vocabulary rows
 * without searching, and the caller searches again with the corrections it chose.
 */
function vocabularyGate(words: readonly string[], exact: boolean): VocabularyGate {
  return {
    ctes: sql`vocab AS MATERIALIZED (${vocabularyStatement(words)}),
gate AS MATERIALIZED (
  SELECT ${exact}::boolean OR NOT EXISTS (
    SELECT 1 FROM vocab
    WHERE NOT known AND cardinality(lexemes) = 1 AND cardinality(candidates) > 0
      AND length(word) >= ${CORRECTION_WORD_MIN}::int
  ) AS open
)`,
    open: sql`(SELECT open FROM gate)`,
  };
}

export interface SearchStatementOptions {
  /**
   * Find each incident's best-matching symptom (the page shows it under the
   * snippet). It parses every symptom of every row on the page again; the JSON
   * API does not return it, so it skips the work.
   */
  matchedSymptom?: boolean;
  /**
   * Look these typed words up in the vocabulary in the same statement (rows in
   * `vocabulary`), and search only if none of them may need a correction
   * (`searched`); with `exact`, always search. See engine.ts searchWithVocabulary.
   */
  vocabulary?: { words: readonly string[]; exact: boolean };
  /** How the head stages read incidents (engine.ts chooses from the words' frequencies). */
  headScan?: HeadScan;
}

/**
 * One page of ranked results with snippets and the symptom that matched best.
 * Always returns at least one row (carrying `total`), with nulls when the page is empty.
 */
export function searchStatement(
  a: AnalyzedQuery,
  fixes: readonly LexemeFix[],
  f: SearchFilters,
  limit: number,
  offset: number,
  expansions: readonly Expansion[] = [],
  { matchedSymptom = true, vocabulary, headScan = INDEX_HEAD_SCAN }: SearchStatementOptions = {},
): Prisma.Sql {
  const gate = vocabulary ? vocabularyGate(vocabulary.words, vocabulary.exact) : undefined;
  const symptom = matchedSymptom
    ? sql`(SELECT ts_headline('english', s.text, q.loose, ${HIGHLIGHT_ALL})
       FROM symptoms s
      WHERE p.type = 'incident' AND s.incident_id = p.id AND pmkb_text_vector(s.text) @@ q.loose
      ORDER BY ts_rank(pmkb_text_vector(s.text), q.loose) DESC, s.position
      LIMIT 1)`
    : sql`NULL::text`;
  return sql`${hitsCte(a, fixes, f, offset + limit, true, expansions, gate, headScan)},
page AS (
  -- Score: 1 for matching the whole query, plus the candidate's rank (0..1),
  -- plus up to 0.2 for a title close to the query (trigram word similarity:
  -- word order, word forms). The trigram comparison was a third of the
  -- ranking's cost when every candidate paid it, so it runs only where it can
  -- matter: the best TITLE_BONUS_CANDIDATES by rank, and any candidate whose
  -- title holds one of the query's stems (a short write-up whose title is all it
  -- says can rank low on the text and still be the answer). Identical results
  -- on the relevance set at 100k (decision 040).
  -- Whole-query matches first, then by score, newest first among equal scores.
  SELECT type, id, slug, title, at, severity, whole, whole + rank + bonus AS score
  FROM (
    SELECT hits.*, CASE WHEN (row_number() OVER (ORDER BY whole DESC, rank DESC, at DESC NULLS LAST, id) <= ${TITLE_BONUS_CANDIDATES}::int
        OR lower(hits.title) ~ q.stems_in_title)
      THEN 0.2 * word_similarity(q.plain, hits.title) ELSE 0 END AS bonus
    FROM hits, q
  ) ranked
  ORDER BY whole DESC, score DESC, at DESC NULLS LAST, id LIMIT ${limit} OFFSET ${offset}
),
shown AS (
  -- Only the page's rows are read again, for their snippet texts.
  SELECT p.type, p.slug, p.title, p.score::float8 AS score, p.at, p.severity, p.whole = 1 AS matches_all,
    -- The whole plain text, one line per block, every match marked: the snippet
    -- is cut from it at sentence boundaries in lib/search/snippet.ts.
    CASE WHEN p.type = 'incident' THEN
      ts_headline('english',
        left(concat_ws(E'\n', i.summary, (SELECT string_agg(s.text, E'\n' ORDER BY s.position) FROM symptoms s WHERE s.incident_id = p.id)), ${HEADLINE_SOURCE_MAX}),
        q.loose, ${HIGHLIGHT_ALL})
    ELSE
      ts_headline('english', left(concat_ws(E'\n', r.summary, ${RUNBOOK_PLAIN_TEXT}), ${HEADLINE_SOURCE_MAX}), q.loose, ${HIGHLIGHT_ALL})
    END AS snippet,
    ${symptom} AS matched_symptom
  FROM page p
  LEFT JOIN incidents i ON p.type = 'incident' AND i.id = p.id
  LEFT JOIN runbooks r ON p.type = 'runbook' AND r.id = p.id
  CROSS JOIN q
)
SELECT (SELECT count(*) FROM hits)::int AS total, shown.*,
  ${gate ? sql`(SELECT json_agg(vocab) FROM vocab) AS vocabulary, (SELECT open FROM gate) AS searched` : sql`NULL::json AS vocabulary, TRUE AS searched`}
FROM (SELECT 1) AS one
LEFT JOIN shown ON TRUE
ORDER BY shown.matches_all DESC NULLS LAST, shown.score DESC NULLS LAST, shown.at DESC NULLS LAST, shown.slug`;
}

export interface FacetRow {
  facet: 'type' | 'service' | 'tag' | 'severity' | 'year';
  value: string;
  count: number;
}

/** Top facet values to show per field; the long tail of tags is not a useful filter. */
export const FACET_VALUES_MAX = 12;

/** Counts per type, service, tag, severity and year over every hit shown (not one page; above the floor). */
export function facetStatement(
  a: AnalyzedQuery,
  fixes: readonly LexemeFix[],
  f: SearchFilters,
  needed: number,
  expansions: readonly Expansion[] = [],
): Prisma.Sql {
  return sql`${hitsCte(a, fixes, f, needed, true, expansions)},
inc AS (SELECT id FROM hits WHERE type = 'incident'),
rb AS (SELECT id FROM hits WHERE type = 'runbook')
SELECT 'type' AS facet, type AS value, count(*)::int AS count FROM hits GROUP BY type
UNION ALL
SELECT 'severity', severity, count(*)::int FROM hits WHERE type = 'incident' GROUP BY severity
UNION ALL
SELECT 'year', extract(year FROM at AT TIME ZONE 'UTC')::int::text, count(*)::int
  FROM hits WHERE type = 'incident' GROUP BY 2
UNION ALL
(SELECT 'service', s.name, count(*)::int FROM (
    SELECT x.service_id FROM inc JOIN incident_services x ON x.incident_id = inc.id
    UNION ALL SELECT x.service_id FROM rb JOIN runbook_services x ON x.runbook_id = rb.id
  ) u JOIN services s ON s.id = u.service_id GROUP BY s.name ORDER BY 3 DESC, 2 LIMIT ${FACET_VALUES_MAX})
UNION ALL
(SELECT 'tag', t.name, count(*)::int FROM (
    SELECT x.tag_id FROM inc JOIN incident_tags x ON x.incident_id = inc.id
    UNION ALL SELECT x.tag_id FROM rb JOIN runbook_tags x ON x.runbook_id = rb.id
  ) u JOIN tags t ON t.id = u.tag_id GROUP BY t.name ORDER BY 3 DESC, 2 LIMIT ${FACET_VALUES_MAX})`;
}

/** Symptoms close to the query by trigram similarity: what to offer when nothing matched. */
export function suggestionStatement(plain: string, max: number): Prisma.Sql {
  return sql`
SELECT text FROM (
  SELECT DISTINCT ON (lower(s.text)) s.text, greatest(similarity(s.text, ${plain}), word_similarity(${plain}, s.text)) AS sim
  FROM symptoms s JOIN incidents i ON i.id = s.incident_id AND NOT i.draft
  WHERE s.text % ${plain} OR ${plain} <% s.text
  ORDER BY lower(s.text), sim DESC
) x
ORDER BY sim DESC, text
LIMIT ${max}`;
}

/**
 * A head stage reads incidents in order only for words in at least this share
 * of all incidents' titles and symptoms. Measured at 100k incidents (500
 * candidates, client-side timings, scripts/bench-search.ts corpus): the GIN
 * bitmap costs about 1 + 20 x share ms (8.7 ms at 38%, 5.2 at 20%, 3.2 at 9%),
 * reading in order about 0.5 / share ms (2.1 at 38%, 2.7 at 20%, 5.1 at 9.7%,
 * 19.6 at 2.2%): they cross near 14%.
 */
export const SEQUENTIAL_HEAD_SHARE = 0.15;

/** The lexemes in at least SEQUENTIAL_HEAD_SHARE of incidents' search_head, with their share, from the planner's statistics (ANALYZE keeps them current). */
export function headFrequencyStatement(): Prisma.Sql {
  return sql`
SELECT x.lexeme, x.share::float8 AS share
FROM pg_stats s,
  unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS x(lexeme, share)
WHERE s.schemaname = current_schema() AND s.tablename = 'incidents' AND s.attname = 'search_head'
  AND x.lexeme IS NOT NULL AND x.share >= ${SEQUENTIAL_HEAD_SHARE}::float8`;
}

export interface VocabularyRow {
  word: string;
  /** The word's lexemes as the query parser makes them (none for a stop word). */
  lexemes: string[];
  /** Some document contains one of its lexemes (search_terms: published content only). */
  known: boolean;
  /** For an unknown word: indexed words with its first letter and a length within two; empty otherwise. */
  candidates: string[];
}

/** How far a candidate's length may be from the typed word's: the largest edit budget (correction.ts). */
const CANDIDATE_LENGTH_SPREAD = 2;

/**
 * For each typed plain word: does any document contain it, and if not, which
 * indexed words could it be a typo of. Candidates are read by a range scan of
 * the primary key on the first letter, not by trigrams: a swapped pair in a
 * short word ("disk" / "dsik") shares almost no trigrams.
 */
export function vocabularyStatement(words: readonly string[]): Prisma.Sql {
  return sql`
SELECT w.word, v.lexemes, v.known,
  CASE WHEN v.known THEN '{}'::text[] ELSE coalesce((
    SELECT array_agg(t.word ORDER BY t.word) FROM search_terms t
    WHERE t.word >= left(w.word, 1) AND t.word < left(w.word, 1) || chr(1114111)
      AND left(t.word, 1) = left(w.word, 1)
      AND length(t.word) BETWEEN length(w.word) - ${CANDIDATE_LENGTH_SPREAD}::int AND length(w.word) + ${CANDIDATE_LENGTH_SPREAD}::int
  ), '{}') END AS candidates
FROM unnest(${words}::text[]) AS w(word)
CROSS JOIN LATERAL (
  SELECT coalesce(array_agg(l), '{}') AS lexemes,
         EXISTS (SELECT 1 FROM search_terms t WHERE t.word = ANY (array_agg(l))) AS known
  FROM unnest(tsvector_to_array(pmkb_text_vector(w.word))) AS l
) v`;
}

-- Synonym groups for search (docs/decisions/023-search-synonyms.md): each row is
-- one set of terms an operator uses interchangeably ("k8s", "kubernetes").
-- Loaded from content/synonyms.yaml into an empty table, then edited at
-- /admin/synonyms; `version` guards concurrent edits.
CREATE TABLE "synonym_groups" (
    "id" TEXT NOT NULL,
    "terms" TEXT[] NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "synonym_groups_pkey" PRIMARY KEY ("id")
);

-- Any of the given words or phrases, as one tsquery ('' when none has a lexeme).
-- Each term goes through phraseto_tsquery, which quotes every lexeme, so no
-- text can inject tsquery operators.
CREATE FUNCTION pmkb_tsquery_any(terms text[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg('(' || p::text || ')', ' | '), '')::tsquery
  FROM unnest(terms) AS t(term), LATERAL phraseto_tsquery('english', term) AS p
  WHERE numnode(p) > 0
$$;

-- The query with the typed words `typed` replaced by (typed | any of `added`),
-- wherever they occur: as plain words (AND of their lexemes, matched as a subset
-- of a larger AND by ts_rewrite) or, for several words, as a quoted phrase.
CREATE FUNCTION pmkb_synonym_rewrite(q tsquery, typed text, added text[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN numnode(q) = 0 OR numnode(t_and) = 0 OR numnode(alt) = 0 THEN q
    WHEN t_and = t_phrase THEN ts_rewrite(q, t_and, t_and || alt)
    ELSE ts_rewrite(ts_rewrite(q, t_and, t_and || alt), t_phrase, t_phrase || alt)
  END
  FROM (SELECT plainto_tsquery('english', typed) AS t_and,
               phraseto_tsquery('english', typed) AS t_phrase,
               pmkb_tsquery_any(added) AS alt) AS x
$$;

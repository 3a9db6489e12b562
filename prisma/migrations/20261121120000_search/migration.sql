-- Search by symptom (issue 4, docs/decisions/005-search-ranking.md).
-- Hand-written: the weighted tsvectors are kept current by triggers, which
-- the Prisma schema diff does not see. The columns, the search_terms table and the
-- indexes are declared in schema.prisma under the same names so the diff agrees.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "incidents" ADD COLUMN "search_vector" tsvector;
ALTER TABLE "runbooks" ADD COLUMN "search_vector" tsvector;

-- Every lexeme that occurs in some document: the vocabulary that misspelled
-- query words are corrected against (a small table, so trigram lookups are fast).
CREATE TABLE "search_terms" (
    "word" TEXT NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("word")
);

CREATE INDEX "incidents_search_vector_idx" ON "incidents" USING GIN ("search_vector");
CREATE INDEX "runbooks_search_vector_idx" ON "runbooks" USING GIN ("search_vector");
CREATE INDEX "incidents_title_trgm_idx" ON "incidents" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "symptoms_text_trgm_idx" ON "symptoms" USING GIN ("text" gin_trgm_ops);
CREATE INDEX "search_terms_word_trgm_idx" ON "search_terms" USING GIN ("word" gin_trgm_ops);

-- Command tokens. The default parser keeps `/proc/sys/net/ipv4/conf/lo/arp_ignore`
-- as one "file" lexeme, `net.ipv4.conf.all.arp` as one "host" and `FIN_WAIT2` as
-- `fin` + `wait2`, so a query for `arp_ignore` (parsed as "arp" <-> "ignor") or
-- `FIN_WAIT` ("fin" <-> "wait") would miss them. This returns the pieces of every
-- punctuated token that contains a letter, split on punctuation and again at
-- letter/digit boundaries, the same parser then indexes those pieces, so the
-- document side holds what the query side produces. Pure-number tokens such as
-- 10.43.0.1 are left alone: the parser already keeps them whole on both sides.
CREATE FUNCTION pmkb_tech_pieces(doc text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
           regexp_replace(m[1], '[^A-Za-z0-9]+', ' ', 'g') || ' ' ||
           regexp_replace(regexp_replace(m[1], '[^A-Za-z0-9]+', ' ', 'g'),
                          '([A-Za-z])([0-9])|([0-9])([A-Za-z])', '\1\3 \2\4', 'g'),
           ' '), '')
  FROM regexp_matches(coalesce(doc, ''), '([A-Za-z0-9]*[_./:=][A-Za-z0-9_./:=-]*[A-Za-z0-9])', 'g') AS m
  WHERE m[1] ~ '[A-Za-z]'
$$;

-- The words of one text as the index sees them: the parser lexemes plus the
-- command-token pieces. Queries go through the same function.
CREATE FUNCTION pmkb_text_vector(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('english', coalesce(doc, '')) || to_tsvector('english', pmkb_tech_pieces(doc))
$$;

-- One incident vector from its texts, grouped by weight: A title and symptoms,
-- B summary, impact, contributing factors, tags and services, C timeline,
-- resolution steps and their commands, action items and lessons, D narrative.
-- Pure, so the per-row trigger and the bulk loader (db:synth) compute the same thing.
CREATE FUNCTION pmkb_incident_vector(
  title text, symptoms text,
  summary text, impact text, factors text, tags text, services text,
  timeline text, steps text, actions text, lessons text,
  narrative text
) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(pmkb_text_vector(concat_ws(' ', title, symptoms)), 'A')
      || setweight(pmkb_text_vector(concat_ws(' ', summary, impact, factors, tags, services)), 'B')
      || setweight(pmkb_text_vector(concat_ws(' ', timeline, steps, actions, lessons)), 'C')
      || setweight(pmkb_text_vector(narrative), 'D')
$$;

CREATE FUNCTION pmkb_runbook_vector(title text, summary text, tags text, services text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(pmkb_text_vector(title), 'A')
      || setweight(pmkb_text_vector(concat_ws(' ', summary, tags, services)), 'B')
      || setweight(pmkb_text_vector(body), 'C')
$$;

-- Bulk loaders set pmkb.defer_search = "on" in their session, insert, then compute
-- all vectors in one set-based UPDATE (scripts/synth.ts), row triggers would
-- otherwise recompute each incident once per child statement.
CREATE FUNCTION pmkb_search_deferred() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('pmkb.defer_search', true), '') = 'on'
$$;

CREATE FUNCTION pmkb_remember_terms(v tsvector) RETURNS void
LANGUAGE sql AS $$
  -- Only words: IPs, host names, paths and numbers are pasted, not typed, and
  -- would grow the vocabulary with every incident.
  INSERT INTO search_terms (word)
  SELECT w FROM unnest(tsvector_to_array(v)) AS w WHERE w ~ '^[a-z][a-z-]*[a-z]$' AND length(w) <= 40
  ON CONFLICT DO NOTHING
$$;

-- BEFORE INSERT/UPDATE on incidents: recompute when a searched column changed or
-- when a child trigger cleared the vector (search_vector set to NULL).
CREATE FUNCTION pmkb_incidents_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pmkb_search_deferred() THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT NULL
     AND NEW.title IS NOT DISTINCT FROM OLD.title
     AND NEW.summary IS NOT DISTINCT FROM OLD.summary
     AND NEW.impact IS NOT DISTINCT FROM OLD.impact
     AND NEW.lessons IS NOT DISTINCT FROM OLD.lessons
     AND NEW.narrative IS NOT DISTINCT FROM OLD.narrative THEN
    RETURN NEW;
  END IF;
  NEW.search_vector := pmkb_incident_vector(
    NEW.title,
    (SELECT string_agg(text, ' ' ORDER BY position) FROM symptoms WHERE incident_id = NEW.id),
    NEW.summary,
    NEW.impact,
    (SELECT string_agg(title || ' ' || detail, ' ' ORDER BY position) FROM contributing_factors WHERE incident_id = NEW.id),
    (SELECT string_agg(t.name, ' ') FROM incident_tags it JOIN tags t ON t.id = it.tag_id WHERE it.incident_id = NEW.id),
    (SELECT string_agg(s.name, ' ') FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = NEW.id),
    (SELECT string_agg(text, ' ' ORDER BY position) FROM timeline_entries WHERE incident_id = NEW.id),
    (SELECT string_agg(concat_ws(' ', text, command), ' ' ORDER BY position) FROM resolution_steps WHERE incident_id = NEW.id),
    (SELECT string_agg(text, ' ' ORDER BY position) FROM action_items WHERE incident_id = NEW.id),
    NEW.lessons,
    NEW.narrative
  );
  PERFORM pmkb_remember_terms(NEW.search_vector);
  RETURN NEW;
END
$$;

CREATE TRIGGER incidents_search_vector
BEFORE INSERT OR UPDATE ON "incidents"
FOR EACH ROW EXECUTE FUNCTION pmkb_incidents_search_trigger();

-- Statement-level triggers on the child tables: one UPDATE per statement (a
-- createMany of ten symptoms recomputes its incident once, not ten times).
CREATE FUNCTION pmkb_children_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pmkb_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE incidents SET search_vector = NULL WHERE id IN (SELECT incident_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE incidents SET search_vector = NULL WHERE id IN (SELECT incident_id FROM old_rows);
  ELSE
    UPDATE incidents SET search_vector = NULL
    WHERE id IN (SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows);
  END IF;
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger, hence three per table.
CREATE TRIGGER symptoms_search_ins AFTER INSERT ON "symptoms" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER symptoms_search_upd AFTER UPDATE ON "symptoms" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER symptoms_search_del AFTER DELETE ON "symptoms" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER timeline_search_ins AFTER INSERT ON "timeline_entries" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER timeline_search_upd AFTER UPDATE ON "timeline_entries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER timeline_search_del AFTER DELETE ON "timeline_entries" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER factors_search_ins AFTER INSERT ON "contributing_factors" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER factors_search_upd AFTER UPDATE ON "contributing_factors" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER factors_search_del AFTER DELETE ON "contributing_factors" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER steps_search_ins AFTER INSERT ON "resolution_steps" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER steps_search_upd AFTER UPDATE ON "resolution_steps" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER steps_search_del AFTER DELETE ON "resolution_steps" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER actions_search_ins AFTER INSERT ON "action_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER actions_search_upd AFTER UPDATE ON "action_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER actions_search_del AFTER DELETE ON "action_items" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER incident_tags_search_ins AFTER INSERT ON "incident_tags" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER incident_tags_search_del AFTER DELETE ON "incident_tags" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER incident_services_search_ins AFTER INSERT ON "incident_services" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();
CREATE TRIGGER incident_services_search_del AFTER DELETE ON "incident_services" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_children_search_trigger();

CREATE FUNCTION pmkb_runbooks_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pmkb_search_deferred() THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT NULL
     AND NEW.title IS NOT DISTINCT FROM OLD.title
     AND NEW.summary IS NOT DISTINCT FROM OLD.summary
     AND NEW.body IS NOT DISTINCT FROM OLD.body THEN
    RETURN NEW;
  END IF;
  NEW.search_vector := pmkb_runbook_vector(
    NEW.title,
    NEW.summary,
    (SELECT string_agg(t.name, ' ') FROM runbook_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.runbook_id = NEW.id),
    (SELECT string_agg(s.name, ' ') FROM runbook_services rs JOIN services s ON s.id = rs.service_id WHERE rs.runbook_id = NEW.id),
    NEW.body
  );
  PERFORM pmkb_remember_terms(NEW.search_vector);
  RETURN NEW;
END
$$;

CREATE TRIGGER runbooks_search_vector
BEFORE INSERT OR UPDATE ON "runbooks"
FOR EACH ROW EXECUTE FUNCTION pmkb_runbooks_search_trigger();

CREATE FUNCTION pmkb_runbook_children_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pmkb_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE runbooks SET search_vector = NULL WHERE id IN (SELECT runbook_id FROM new_rows);
  ELSE
    UPDATE runbooks SET search_vector = NULL WHERE id IN (SELECT runbook_id FROM old_rows);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER runbook_tags_search_ins AFTER INSERT ON "runbook_tags" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_runbook_children_search_trigger();
CREATE TRIGGER runbook_tags_search_del AFTER DELETE ON "runbook_tags" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_runbook_children_search_trigger();
CREATE TRIGGER runbook_services_search_ins AFTER INSERT ON "runbook_services" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_runbook_children_search_trigger();
CREATE TRIGGER runbook_services_search_del AFTER DELETE ON "runbook_services" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pmkb_runbook_children_search_trigger();

-- A renamed tag or service changes the text of everything it labels.
CREATE FUNCTION pmkb_names_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pmkb_search_deferred() THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'tags' THEN
    UPDATE incidents SET search_vector = NULL WHERE id IN (SELECT incident_id FROM incident_tags WHERE tag_id = NEW.id);
    UPDATE runbooks SET search_vector = NULL WHERE id IN (SELECT runbook_id FROM runbook_tags WHERE tag_id = NEW.id);
  ELSE
    UPDATE incidents SET search_vector = NULL WHERE id IN (SELECT incident_id FROM incident_services WHERE service_id = NEW.id);
    UPDATE runbooks SET search_vector = NULL WHERE id IN (SELECT runbook_id FROM runbook_services WHERE service_id = NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tags_search_rename AFTER UPDATE OF name ON "tags" FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION pmkb_names_search_trigger();
CREATE TRIGGER services_search_rename AFTER UPDATE OF name ON "services" FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION pmkb_names_search_trigger();

-- Existing rows: clearing the vector makes the row trigger compute it.
UPDATE "incidents" SET search_vector = NULL;
UPDATE "runbooks" SET search_vector = NULL;

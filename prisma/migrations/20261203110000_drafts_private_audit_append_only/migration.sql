-- Issue 10 (docs/decisions/014-drafts-private-and-agent-egress.md). Hand-written:
-- triggers and functions are invisible to the Prisma schema diff.

-- 1. The audit trail is append-only in the database, TRUNCATE included.
-- The row trigger of 20261121130000_auth refuses UPDATE and DELETE, but TRUNCATE
-- fires no row triggers: only a statement trigger sees it. (DROP SCHEMA, which
-- the tests use to start from nothing, fires neither and keeps working.)
CREATE FUNCTION audit_events_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (TRUNCATE refused)';
END;
$$;

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_no_truncate();

-- The one allowed change (the foreign key's ON DELETE SET NULL when a user is
-- erased) was recognised by its shape alone, so any session could blank the
-- actor of any event with a plain UPDATE. Now it is allowed only when that user
-- is really gone: the referential action runs after the user row is deleted.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.actor_id)
     AND (NEW.id, NEW.at, NEW.action, NEW.target_type, NEW.target_id, NEW.outcome, NEW.request_id, NEW.details)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.action, OLD.target_type, OLD.target_id, OLD.outcome, OLD.request_id, OLD.details) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;

-- 2. Drafts stay out of the spelling vocabulary. search_terms feeds "did you
-- mean" corrections that /api/search returns to anyone who may read, so a word
-- that occurs only in a draft must never enter it: a probe such as "zephyrne"
-- answering "zephyrine" would reveal the draft. Words are remembered when an
-- incident is saved in a published state, including the save that publishes it.
CREATE OR REPLACE FUNCTION pmkb_incidents_search_trigger() RETURNS trigger
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
    IF NEW.status <> 'draft' AND OLD.status = 'draft' THEN
      PERFORM pmkb_remember_terms(NEW.search_vector);
    END IF;
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
  IF NEW.status <> 'draft' THEN
    PERFORM pmkb_remember_terms(NEW.search_vector);
  END IF;
  RETURN NEW;
END
$$;

-- Rebuild the vocabulary from what is published: drafts saved before this
-- migration may already have added words.
DELETE FROM search_terms;
SELECT pmkb_remember_terms(search_vector) FROM incidents WHERE status <> 'draft' AND search_vector IS NOT NULL;
SELECT pmkb_remember_terms(search_vector) FROM runbooks WHERE search_vector IS NOT NULL;

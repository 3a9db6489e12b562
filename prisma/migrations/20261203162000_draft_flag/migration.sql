-- Issue 17 item 5 (docs/decisions/031-draft-is-a-flag.md). Hand-written: the
-- trigger function and the enum swap are invisible to the Prisma schema diff.
-- Being a draft becomes its own column; a draft keeps the status chosen for it.

-- 1. The flag. Existing rows are published until step 3 says otherwise.
ALTER TABLE "incidents" ADD COLUMN "draft" BOOLEAN NOT NULL DEFAULT false;

-- 2. The search trigger learns the flag BEFORE any row changes: the UPDATE
-- below fires it, and the old body would read a status turning from 'draft'
-- into 'investigating' as a publish and add the drafts' words to the spelling
-- vocabulary (see 20261203110000).
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
    IF NOT NEW.draft AND OLD.draft THEN
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
  IF NOT NEW.draft THEN
    PERFORM pmkb_remember_terms(NEW.search_vector);
  END IF;
  RETURN NEW;
END
$$;

-- 3. Old drafts: the flag set, the status the form used to offer for them.
UPDATE "incidents" SET "draft" = true, "status" = 'investigating' WHERE "status" = 'draft';

-- Revision snapshots carry the flag too, so the history can tell published
-- versions from draft ones by one field ("draft": false is published).
UPDATE "incident_revisions"
   SET "snapshot" = jsonb_set("snapshot", '{status}', '"investigating"') || '{"draft": true}'::jsonb
 WHERE jsonb_typeof("snapshot") = 'object' AND "snapshot"->>'status' = 'draft';
UPDATE "incident_revisions"
   SET "snapshot" = "snapshot" || '{"draft": false}'::jsonb
 WHERE jsonb_typeof("snapshot") = 'object' AND NOT ("snapshot" ? 'draft');

-- 4. 'draft' leaves the enum. A query still written `status <> 'draft'` now
-- fails loudly ("invalid input value for enum") instead of quietly showing
-- drafts to readers. PostgreSQL cannot drop an enum value: swap the type.
ALTER TYPE "IncidentStatus" RENAME TO "IncidentStatus_old";
CREATE TYPE "IncidentStatus" AS ENUM ('investigating', 'mitigated', 'resolved');
ALTER TABLE "incidents" ALTER COLUMN "status" TYPE "IncidentStatus" USING "status"::text::"IncidentStatus";
DROP TYPE "IncidentStatus_old";

-- 5. A draft needs only a title: the start time may wait, a published incident may not.
ALTER TABLE "incidents" ALTER COLUMN "started_at" DROP NOT NULL;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_published_started_at" CHECK ("draft" OR "started_at" IS NOT NULL);

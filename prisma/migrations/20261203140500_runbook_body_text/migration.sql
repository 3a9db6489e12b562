-- The plain text of a runbook's body (no markdown syntax), for search snippets:
-- written with the body by the app (lib/markdown/plain-text.ts). Rows written
-- before this column, or by plain SQL, have NULL until `npm start` fills them
-- (fillRunbookBodyText); the snippet falls back to a rough cleanup meanwhile.
-- docs/decisions/022-results-that-explain-themselves.md
ALTER TABLE "runbooks" ADD COLUMN "body_text" TEXT;

-- A body changed without its plain text (plain SQL, an older writer) must not
-- keep the old one: it is cleared, and the fallback applies until it is filled.
CREATE FUNCTION pmkb_runbooks_body_text_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body AND NEW.body_text IS NOT DISTINCT FROM OLD.body_text THEN
    NEW.body_text := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER runbooks_body_text
BEFORE UPDATE OF body ON "runbooks"
FOR EACH ROW EXECUTE FUNCTION pmkb_runbooks_body_text_trigger();

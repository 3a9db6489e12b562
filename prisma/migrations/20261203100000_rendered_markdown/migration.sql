-- Markdown rendered once when written (docs/decisions/013-bounded-markdown-rendered-on-write.md).
-- Existing rows stay NULL and are rendered, then stored, on their next view.
ALTER TABLE "incidents" ADD COLUMN "rendered" JSONB;
ALTER TABLE "runbooks" ADD COLUMN "rendered" JSONB;

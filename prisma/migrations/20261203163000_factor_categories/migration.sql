-- A shared vocabulary for contributing factors (issue 17, docs/decisions/032):
-- each factor may name a category, and an incident may name its trigger, from
-- one list. The list's source is content/factor-categories.yaml, loaded by the
-- content sync (upsert by slug); the default rows are inserted here too so a
-- database is never without them, whatever order content loads in.
CREATE TABLE "factor_categories" (
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "factor_categories_pkey" PRIMARY KEY ("slug")
);

INSERT INTO "factor_categories" ("slug", "label", "position") VALUES
    ('binary-or-config-push', 'Binary or config push', 1),
    ('user-behaviour-change', 'User-behaviour change', 2),
    ('capacity', 'Capacity', 3),
    ('dependency-or-vendor', 'Dependency or vendor', 4),
    ('hardware-or-network', 'Hardware or network', 5),
    ('process', 'Process', 6),
    ('unknown', 'Unknown', 7);

ALTER TABLE "contributing_factors" ADD COLUMN "category" TEXT;
ALTER TABLE "incidents" ADD COLUMN "trigger" TEXT;

-- A renamed category follows into every row; a removed one leaves rows uncategorized.
ALTER TABLE "contributing_factors" ADD CONSTRAINT "contributing_factors_category_fkey"
    FOREIGN KEY ("category") REFERENCES "factor_categories"("slug") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_trigger_fkey"
    FOREIGN KEY ("trigger") REFERENCES "factor_categories"("slug") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE INDEX "contributing_factors_category_idx" ON "contributing_factors"("category");
CREATE INDEX "incidents_trigger_idx" ON "incidents"("trigger");
-- Action items across postmortems: filtered by status and owner, sorted by due date.
CREATE INDEX "action_items_status_due_idx" ON "action_items"("status", "due");
-- "Also proposed in": trigram similarity of item texts across postmortems.
CREATE INDEX "action_items_text_trgm_idx" ON "action_items" USING GIN ("text" gin_trgm_ops);

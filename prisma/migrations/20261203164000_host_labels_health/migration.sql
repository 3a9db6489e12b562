-- Hosts at fleet scale (issue 15, item 4; decision 033).
-- Labels beyond the role: a flat map of key -> value, validated by lib/hosts/labels.ts.
-- The GIN index with jsonb_path_ops serves the one query labels get: containment
-- (labels @> '{"site":"par1","tier":"edge"}') when a launch selects hosts by labels.
ALTER TABLE "hosts" ADD COLUMN "labels" JSONB NOT NULL DEFAULT '{}';
CREATE INDEX "hosts_labels_idx" ON "hosts" USING GIN ("labels" jsonb_path_ops);

-- Agent health, written by the background probe (lib/hosts/probe.ts), never by a page view.
ALTER TABLE "hosts" ADD COLUMN "last_probe_at" TIMESTAMPTZ(3);
ALTER TABLE "hosts" ADD COLUMN "last_probe_ok" BOOLEAN;
ALTER TABLE "hosts" ADD COLUMN "last_probe_error" TEXT;
ALTER TABLE "hosts" ADD COLUMN "agent_version" TEXT;
-- The first failed probe after the last good one: "unreachable since ...".
ALTER TABLE "hosts" ADD COLUMN "probe_failing_since" TIMESTAMPTZ(3);

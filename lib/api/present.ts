// The JSON shapes the API answers with, built from the domain's reads. Pure
// functions, so other doors to the same data (the MCP server's tools) answer
// with the very same shapes as /api/v1.
import type { StoredIncident } from '@/lib/incidents/authoring-queries';
import { toDocumentInput } from '@/lib/incidents/document';
import type { IncidentPageRow } from '@/lib/incidents/queries';
import type { RunbookDetail } from '@/lib/runbooks/types';
import { urlFor } from '@/lib/search/engine';
import { encodeCursor } from './cursor';

/** One page of GET /api/v1/incidents. */
export function incidentPageJson(page: { rows: IncidentPageRow[]; more: boolean }) {
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      severity: r.severity,
      status: r.status,
      draft: r.draft,
      startedAt: r.startedAt?.toISOString() ?? null,
      url: urlFor('incident', r.slug),
      version: r.version,
    })),
    nextCursor: page.more && last ? encodeCursor(last) : null,
  };
}

/** GET /api/v1/incidents/{slug}: the content format's document, its version and page. */
export function incidentJson(stored: StoredIncident) {
  return { ...toDocumentInput(stored.document), version: stored.version, url: urlFor('incident', stored.slug) };
}

/** GET /api/v1/runbooks/{slug}: markdown and the HTML stored when it was saved. */
export function runbookJson(runbook: RunbookDetail) {
  return {
    slug: runbook.slug,
    title: runbook.title,
    summary: runbook.summary,
    owner: runbook.owner,
    reviewedAt: runbook.reviewedAt?.toISOString().slice(0, 10) ?? null,
    services: runbook.services,
    tags: runbook.tags,
    markdown: runbook.body,
    html: runbook.rendered.body.html,
    incidents: runbook.incidents.map((i) => ({
      slug: i.slug,
      title: i.title,
      severity: i.severity,
      startedAt: i.startedAt.toISOString(),
      url: urlFor('incident', i.slug),
    })),
    url: urlFor('runbook', runbook.slug),
  };
}

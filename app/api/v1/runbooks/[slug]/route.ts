// GET /api/v1/runbooks/{slug}: markdown and the HTML stored when it was saved (lib/api/ops/catalog.ts).
import { ApiError } from '@/lib/api/errors';
import { getRunbookOp } from '@/lib/api/ops/catalog';
import { apiRoute, json } from '@/lib/api/route';
import { getRunbookBySlug } from '@/lib/runbooks/queries';
import { urlFor } from '@/lib/search/engine';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(getRunbookOp, async ({ params }) => {
  // Linked incidents are published ones only (the query's own rule), for every caller.
  const runbook = await getRunbookBySlug(params.slug);
  if (!runbook) throw new ApiError(404, 'No such runbook.');
  return json({
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
  });
});

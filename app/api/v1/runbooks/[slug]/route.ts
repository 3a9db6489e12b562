// GET /api/v1/runbooks/{slug}: markdown and the HTML stored when it was saved (lib/api/ops/catalog.ts).
import { ApiError } from '@/lib/api/errors';
import { getRunbookOp } from '@/lib/api/ops/catalog';
import { runbookJson } from '@/lib/api/present';
import { apiRoute, json } from '@/lib/api/route';
import { getRunbookBySlug } from '@/lib/runbooks/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(getRunbookOp, async ({ params }) => {
  // Linked incidents are published ones only (the query's own rule), for every caller.
  const runbook = await getRunbookBySlug(params.slug);
  if (!runbook) throw new ApiError(404, 'No such runbook.');
  return json(runbookJson(runbook));
});

// GET /api/v1/runbooks (lib/api/ops/catalog.ts).
import { listRunbooksOp } from '@/lib/api/ops/catalog';
import { apiRoute, json } from '@/lib/api/route';
import { listRunbooks } from '@/lib/runbooks/queries';
import { urlFor } from '@/lib/search/engine';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listRunbooksOp, async () => {
  const rows = await listRunbooks();
  // Freshness is the pages' (lib/runbooks/freshness.ts); the list answers as documented.
  return json({
    items: rows.map(({ reviewedAt: _at, reviewEveryDays: _every, ...r }) => ({ ...r, url: urlFor('runbook', r.slug) })),
  });
});

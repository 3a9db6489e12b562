// GET /api/v1/checks: the catalog (lib/api/ops/catalog.ts).
import { listChecksOp } from '@/lib/api/ops/catalog';
import { apiRoute, json } from '@/lib/api/route';
import { listChecks } from '@/lib/checks/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listChecksOp, async () => {
  const checks = await listChecks();
  // The row id is the database's business; checks are named by slug everywhere in the API.
  return json({ items: checks.map(({ id: _id, ...check }) => check) });
});

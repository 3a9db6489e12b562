// GET /api/v1/insights?year=&service=&severity= (lib/api/ops/learning.ts): the
// figures of /insights as JSON (durations in minutes). Readable under the same
// rules as the pages; drafts count only for authors and above.
import { insightsOp } from '@/lib/api/ops/learning';
import { apiRoute, json } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';
import { getInsights } from '@/lib/insights/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(insightsOp, async ({ viewer, query }) => {
  const insights = await getInsights(query, hasRole(viewer?.role, 'author'));
  return json({ filters: query, percentileMethod: 'linear interpolation between closest ranks (type 7)', ...insights });
});

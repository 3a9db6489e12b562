// GET /api/v1/action-items?owner=&service=&status=&overdue=0|1 (lib/api/ops/learning.ts).
// Readable under the same rules as the pages; drafts' items only for authors and above.
import { listActionItems } from '@/lib/action-items/queries';
import { listActionItemsOp } from '@/lib/api/ops/learning';
import { apiRoute, json } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(listActionItemsOp, async ({ viewer, query }) => {
  const list = await listActionItems(query, hasRole(viewer?.role, 'author'));
  const items = list.items.map(({ id: _id, incident, ...item }) => ({
    ...item,
    incident: { slug: incident.slug, title: incident.title, severity: incident.severity, url: `/incidents/${incident.slug}` },
  }));
  return json({ counts: list.counts, matching: list.matching, items });
});

// GET /api/v1/action-items?owner=&service=&status=&overdue=0|1
// Readable under the same rules as the pages (authorizeRead); drafts' items only
// for authors and above. A thin wrapper over lib/action-items/queries.ts.
import { NextResponse, type NextRequest } from 'next/server';
import { listActionItems } from '@/lib/action-items/queries';
import { actionItemApiParamsSchema } from '@/lib/action-items/schema';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  const parsed = actionItemApiParamsSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      param: i.path.join('.') || String((i as { keys?: string[] }).keys ?? ''),
      message: i.message,
    }));
    return NextResponse.json({ error: 'bad parameters', issues }, { status: 400 });
  }
  try {
    const list = await listActionItems(parsed.data, hasRole(allowed.viewer?.role, 'author'));
    const items = list.items.map(({ id: _id, incident, ...item }) => ({
      ...item,
      incident: { slug: incident.slug, title: incident.title, severity: incident.severity, url: `/incidents/${incident.slug}` },
    }));
    return NextResponse.json(
      { counts: list.counts, matching: list.matching, items },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (err) {
    (await requestLog()).error({ err }, 'GET /api/v1/action-items failed');
    return NextResponse.json({ error: 'action items are unavailable, try again shortly' }, { status: 503 });
  }
}

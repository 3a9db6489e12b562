// GET /api/v1/insights?year=&service=&severity=
// The figures of /insights as JSON (durations in minutes). Readable under the
// same rules as the pages (authorizeRead); drafts count only for authors and above.
// A thin wrapper over lib/insights/queries.ts.
import { NextResponse, type NextRequest } from 'next/server';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { getInsights } from '@/lib/insights/queries';
import { insightsApiParamsSchema } from '@/lib/insights/schema';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  const parsed = insightsApiParamsSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      param: i.path.join('.') || ((i as { keys?: string[] }).keys ?? []).join(','),
      message: i.message,
    }));
    return NextResponse.json({ error: 'bad parameters', issues }, { status: 400 });
  }
  try {
    const insights = await getInsights(parsed.data, hasRole(allowed.viewer?.role, 'author'));
    return NextResponse.json(
      { filters: parsed.data, percentileMethod: 'linear interpolation between closest ranks (type 7)', ...insights },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (err) {
    (await requestLog()).error({ err }, 'GET /api/v1/insights failed');
    return NextResponse.json({ error: 'insights are unavailable, try again shortly' }, { status: 503 });
  }
}

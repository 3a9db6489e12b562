// GET /api/check-runs?batch=<id>: the runs of one launch, for the live view
// while they run. Readable by anyone who may read the pages; a run's link to a
// draft incident only for those who may see drafts.
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { getBatchRuns } from '@/lib/checks/queries';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

const query = z.object({ batch: z.uuid('batch must be a launch id') });

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
  try {
    const runs = await getBatchRuns(parsed.data.batch, hasRole(allowed.viewer?.role, 'author'));
    if (!runs.length) return NextResponse.json({ error: 'no such launch' }, { status: 404 });
    return NextResponse.json({ runs }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    (await requestLog()).error({ err }, 'GET /api/check-runs failed');
    return NextResponse.json({ error: 'runs are unavailable, try again shortly' }, { status: 503 });
  }
}

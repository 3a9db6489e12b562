// GET /api/search?q=...&limit=&offset=&type=&service=&tag=&severity=&year=
// Readable under the same rules as the pages: anonymous only when anonymous
// reading is on, else any signed-in role (session cookie or API token).
import { NextResponse, type NextRequest } from 'next/server';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { serverTimingEnabled, StageTimer } from '@/lib/metrics/stage-timer';
import { searchApi } from '@/lib/search/queries';
import { parseApiSearchParams } from '@/lib/search/schema';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  // Stage timings for profiling (npm run bench:search), sent only when asked for.
  const timer = serverTimingEnabled() ? new StageTimer() : undefined;
  const allowed = timer ? await timer.time('auth', authorizeRead) : await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  const parsed = parseApiSearchParams(request.nextUrl.searchParams);
  if (!parsed.ok) {
    return NextResponse.json({ error: parsed.error, issues: parsed.issues }, { status: 400 });
  }
  try {
    const result = await searchApi(parsed.input, timer);
    const body = timer ? timer.timeSync('json', () => JSON.stringify(result)) : JSON.stringify(result);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (timer) headers['Server-Timing'] = timer.header();
    return new NextResponse(body, { headers });
  } catch (err) {
    // Validated input cannot make the SQL fail; this is the database being away.
    (await requestLog()).error({ err }, 'GET /api/search failed');
    return NextResponse.json({ error: 'search is unavailable, try again shortly' }, { status: 503 });
  }
}

// GET /checks/batches/<batchId>/export?format=json|csv: one launch's runs as a
// download. Readable like the batch page; the export names no incident, so a
// draft's evidence leaks nothing.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { EXPORT_FORMATS, exportFileName, toCsv, toJson } from '@/lib/checks/batch-export';
import { isBatchId } from '@/lib/checks/batch-id';
import { getBatchRuns } from '@/lib/checks/queries';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

const query = z.object({ format: z.enum(EXPORT_FORMATS, 'format must be json or csv') });

const CONTENT_TYPE = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  const parsed = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
  // The id is read from the path so the handler needs nothing but the request.
  const batchId = decodeURIComponent(request.nextUrl.pathname.split('/').at(-2) ?? '');
  if (!isBatchId(batchId)) return Response.json({ error: 'no such launch' }, { status: 404 });
  try {
    const runs = await getBatchRuns(batchId, hasRole(allowed.viewer?.role, 'author'));
    if (!runs.length) return Response.json({ error: 'no such launch' }, { status: 404 });
    const { format } = parsed.data;
    return new Response(format === 'csv' ? toCsv(runs) : toJson(batchId, runs), {
      headers: {
        'Content-Type': CONTENT_TYPE[format],
        'Content-Disposition': `attachment; filename="${exportFileName(batchId, runs[0]?.checkSlug, format)}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    (await requestLog()).error({ err }, 'GET /checks/batches/export failed');
    return Response.json({ error: 'the launch is unavailable, try again shortly' }, { status: 503 });
  }
}

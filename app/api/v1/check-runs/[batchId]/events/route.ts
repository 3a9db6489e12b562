// GET /api/v1/check-runs/{batchId}/events: a launch's runs as a live
// Server-Sent Events stream (lib/checks/run-stream.ts). Readable by anyone who
// may read the pages, like GET /api/check-runs; a run's link to a draft
// incident only for those who may see drafts. Any app process serves any
// batch: changes arrive through PostgreSQL LISTEN/NOTIFY.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { hasRole } from '@/lib/auth/roles';
import { authorizeRead, deniedResponse } from '@/lib/auth/session';
import { getBatchRuns, readRunChanges } from '@/lib/checks/queries';
import { processRunListener } from '@/lib/checks/run-listener';
import { runEventStream } from '@/lib/checks/run-stream';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

const batchId = z.uuid('batch must be a launch id');

export async function GET(request: NextRequest) {
  const allowed = await authorizeRead();
  if (!allowed.ok) return deniedResponse(allowed);
  // The id is read from the path so the handler needs nothing but the request.
  const parsed = batchId.safeParse(decodeURIComponent(request.nextUrl.pathname.split('/').at(-2) ?? ''));
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
  const includeDrafts = hasRole(allowed.viewer?.role, 'author');
  const rlog = await requestLog();
  let runs;
  try {
    runs = await getBatchRuns(parsed.data, includeDrafts);
  } catch (err) {
    rlog.error({ err }, 'GET /api/v1/check-runs/events failed');
    return Response.json({ error: 'runs are unavailable, try again shortly' }, { status: 503 });
  }
  if (!runs.length) return Response.json({ error: 'no such launch' }, { status: 404 });
  let first: typeof runs | null = runs;
  const stream = runEventStream(parsed.data, request.signal, {
    listener: processRunListener(),
    // The first snapshot is the one just read for the 404 check.
    readSnapshot: async (id) => {
      const snapshot = first ?? (await getBatchRuns(id, includeDrafts));
      first = null;
      return snapshot;
    },
    readChanges: readRunChanges,
    onError: (err) => rlog.error({ err }, 'check-run event stream failed'),
  });
  if (!stream)
    return Response.json(
      { error: 'too many live streams on this server; poll GET /api/check-runs instead' },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx buffer responses unless told not to; a buffered stream is not live.
      'X-Accel-Buffering': 'no',
    },
  });
}

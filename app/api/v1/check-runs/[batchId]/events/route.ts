// GET /api/v1/check-runs/{batchId}/events: a launch's runs as a live
// Server-Sent Events stream (lib/checks/run-stream.ts). Readable by anyone who
// may read the pages, like GET /api/check-runs; a run's link to a draft
// incident only for those who may see drafts. Any app process serves any
// batch: changes arrive through PostgreSQL LISTEN/NOTIFY.
import { ApiError } from '@/lib/api/errors';
import { checkRunEventsOp } from '@/lib/api/ops/catalog';
import { apiRoute } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';
import { getBatchRuns, readRunChanges } from '@/lib/checks/queries';
import { processRunListener } from '@/lib/checks/run-listener';
import { runEventStream } from '@/lib/checks/run-stream';
import { requestLog } from '@/lib/log-request';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(checkRunEventsOp, async ({ request, viewer, params }) => {
  const includeDrafts = hasRole(viewer?.role, 'author');
  const rlog = await requestLog();
  const runs = await getBatchRuns(params.batchId, includeDrafts);
  if (!runs.length) throw new ApiError(404, 'No such launch.');
  let first: typeof runs | null = runs;
  const stream = runEventStream(params.batchId, request.signal, {
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
});

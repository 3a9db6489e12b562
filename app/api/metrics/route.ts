// GET /api/metrics: this process's metrics in the Prometheus text format.
// Who may read them: lib/metrics/access.ts (METRICS_TOKEN, METRICS_ALLOW, else loopback).
import { connection } from 'next/server';
import { log } from '@/lib/log';
import { requestLog } from '@/lib/log-request';
import { metricsAccess, parseMetricsSettings } from '@/lib/metrics/access';
import { collectDatabaseGauges } from '@/lib/metrics/queries';
import { metrics } from '@/lib/metrics/registry';
import { peerAddress } from '@/lib/metrics/request-context';

export async function GET(request: Request) {
  await connection();
  let settings;
  try {
    settings = parseMetricsSettings();
  } catch (err) {
    // A broken setting must not fall back to something more open: nobody reads.
    log.error({ err }, 'metrics: bad setting');
    return Response.json({ error: 'Metrics access is misconfigured; see the server log.' }, { status: 403 });
  }
  const access = metricsAccess({ authorization: request.headers.get('authorization'), peer: peerAddress() }, settings);
  if (!access.ok) {
    (await requestLog()).warn({ peer: peerAddress() ?? null, status: access.status }, 'metrics: refused');
    return Response.json(
      { error: access.error },
      { status: access.status, headers: access.status === 401 ? { 'www-authenticate': 'Bearer' } : undefined },
    );
  }
  // Process metrics still answer while the database is away; its gauges keep their last values.
  await collectDatabaseGauges().catch(async (err) => (await requestLog()).warn({ err }, 'metrics: database gauges unavailable'));
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}

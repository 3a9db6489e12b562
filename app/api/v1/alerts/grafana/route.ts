// POST /api/v1/alerts/grafana: Grafana alerting's webhook contact point (lib/api/ops/alerts.ts, lib/alerts/intake.ts).
import { receiveAlerts } from '@/lib/alerts/intake';
import { toBatch } from '@/lib/alerts/normalize';
import { grafanaIntakeOp } from '@/lib/api/ops/alerts';
import { apiRoute, json } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(grafanaIntakeOp, async ({ viewer, body }) =>
  json(await receiveAlerts(viewer, toBatch('grafana', body))),
);

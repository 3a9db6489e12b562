// POST /api/v1/alerts/alertmanager: Alertmanager's webhook (lib/api/ops/alerts.ts, lib/alerts/intake.ts).
import { receiveAlerts } from '@/lib/alerts/intake';
import { toBatch } from '@/lib/alerts/normalize';
import { alertmanagerIntakeOp } from '@/lib/api/ops/alerts';
import { apiRoute, json } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(alertmanagerIntakeOp, async ({ viewer, body }) =>
  json(await receiveAlerts(viewer, toBatch('alertmanager', body))),
);

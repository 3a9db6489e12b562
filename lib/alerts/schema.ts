// The two alert webhooks the intake takes, written from their senders' docs:
// Alertmanager's webhook_config payload (version 4) and Grafana alerting's
// webhook contact point (Alertmanager's shape plus title, state, message and
// orgId). Both become one AlertBatch. Unknown fields are dropped, not refused:
// a sender upgrade that adds a field must not stop the intake.
import { z } from 'zod';
import { safeString } from '@/lib/validation/text';

/** Alerts one payload may carry: Alertmanager's max_alerts is unbounded by default, so the intake bounds it. */
export const ALERTS_PER_PAYLOAD_MAX = 500;
/** Labels or annotations per alert; real alerts carry a dozen. */
const LABELS_MAX = 100;
/** A label name is an identifier; a value or annotation may be a paragraph (description). */
const LABEL_NAME_MAX = 200;
const LABEL_VALUE_MAX = 4_000;
/** Group keys are the route path plus the group labels, e.g. `{}/{team="net"}:{alertname="X"}`. */
const GROUP_KEY_MAX = 2_000;
const URL_MAX = 2_000;
/** Grafana's message renders every alert of the group; kept for the record, cut at this length. */
const MESSAGE_MAX = 20_000;

const labelSet = z
  .record(safeString().max(LABEL_NAME_MAX), safeString().max(LABEL_VALUE_MAX))
  .refine((r) => Object.keys(r).length <= LABELS_MAX, `At most ${LABELS_MAX} entries.`)
  .default({});

const status = z.enum(['firing', 'resolved']);
const time = z.iso.datetime({ offset: true, message: 'expected an RFC 3339 time, e.g. "2026-12-03T10:00:00Z"' });
const url = safeString().max(URL_MAX);

const alertSchema = z.object({
  status,
  labels: labelSet,
  annotations: labelSet,
  startsAt: time,
  // "0001-01-01T00:00:00Z" while firing (Go's zero time).
  endsAt: time.optional(),
  generatorURL: url.optional(),
  fingerprint: safeString().min(1).max(200).optional(),
});

const groupFields = {
  receiver: safeString().max(200),
  status,
  alerts: z.array(alertSchema).min(1, 'A group has at least one alert.').max(ALERTS_PER_PAYLOAD_MAX),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: url.optional(),
  groupKey: safeString().min(1).max(GROUP_KEY_MAX),
  truncatedAlerts: z.number().int().min(0).optional(),
};

export const alertmanagerPayload = z
  .object({ ...groupFields, version: z.literal('4', { error: 'Only webhook payload version "4" is understood.' }) })
  .meta({ description: "Alertmanager's webhook payload, version 4, as it sends it." });

export const grafanaPayload = z
  .object({
    ...groupFields,
    version: safeString().max(20).optional(),
    orgId: z.number().int().optional(),
    title: safeString().max(1_000).optional(),
    state: safeString().max(40).optional(),
    message: safeString().max(MESSAGE_MAX).optional(),
  })
  .meta({ description: "Grafana alerting's webhook contact point payload." });

export type AlertmanagerPayload = z.output<typeof alertmanagerPayload>;
export type GrafanaPayload = z.output<typeof grafanaPayload>;

export type AlertSource = 'alertmanager' | 'grafana';

export interface IncomingAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
}

/** One group as the intake works on it, whichever sender. */
export interface AlertBatch {
  source: AlertSource;
  groupKey: string;
  receiver: string;
  status: 'firing' | 'resolved';
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  title: string | null;
  alerts: IncomingAlert[];
}

export const matchSchema = z.object({
  type: z.enum(['incident', 'runbook']),
  slug: z.string(),
  title: z.string(),
  score: z.number(),
});
export type AlertMatch = z.output<typeof matchSchema>;

export const intakeResponse = z.object({
  incident: z
    .object({ slug: z.string(), url: z.string() })
    .nullable()
    .meta({ description: 'The incident opened or joined; null for a resolved group that never opened one.' }),
  matches: z.array(matchSchema).meta({ description: 'Past incidents and runbooks the alert text found, best first.' }),
});

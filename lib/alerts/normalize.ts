// Both senders' payloads as one AlertBatch, and the words of an alert the
// search engine is asked about. Pure: the unit tests and the intake share it.
import { createHash } from 'node:crypto';
import type { AlertBatch, AlertmanagerPayload, AlertSource, GrafanaPayload, IncomingAlert } from './schema';

/** Go's zero time, which Alertmanager sends as endsAt while an alert fires. */
const GO_ZERO_YEAR = 1;

function endOf(endsAt: string | undefined, status: 'firing' | 'resolved'): Date | null {
  if (!endsAt) return null;
  const d = new Date(endsAt);
  // A firing alert's endsAt is when Alertmanager would time it out, not an end: only resolved ones end.
  if (d.getUTCFullYear() <= GO_ZERO_YEAR || status === 'firing') return null;
  return d;
}

/** Alertmanager fingerprints a label set; a sender that leaves it out gets the same idea from the labels. */
function fingerprintOf(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

export function toBatch(source: AlertSource, payload: AlertmanagerPayload | GrafanaPayload): AlertBatch {
  const alerts: IncomingAlert[] = payload.alerts.map((a) => ({
    fingerprint: a.fingerprint ?? fingerprintOf(a.labels),
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: new Date(a.startsAt),
    endsAt: endOf(a.endsAt, a.status),
    generatorUrl: a.generatorURL || null,
  }));
  // One payload may list a fingerprint twice (a truncated resend); the last word wins.
  const unique = [...new Map(alerts.map((a) => [a.fingerprint, a])).values()];
  return {
    source,
    groupKey: payload.groupKey,
    receiver: payload.receiver,
    status: payload.status,
    groupLabels: payload.groupLabels,
    commonLabels: payload.commonLabels,
    commonAnnotations: payload.commonAnnotations,
    title: 'title' in payload && payload.title ? payload.title : null,
    alerts: unique,
  };
}

/** The label and annotation values that say what is wrong, in the order the brief names them. */
const TEXT_LABELS = ['alertname', 'service', 'job'] as const;
const TEXT_ANNOTATIONS = ['summary', 'description'] as const;

/** The text matched against past incidents: alertname, summary, description, service and job of each firing alert. */
export function alertText(batch: AlertBatch): string {
  const firing = batch.alerts.filter((a) => a.status === 'firing');
  const parts: string[] = [];
  for (const a of firing.length ? firing : batch.alerts) {
    for (const k of TEXT_LABELS) if (a.labels[k]) parts.push(a.labels[k]);
    for (const k of TEXT_ANNOTATIONS) {
      const v = a.annotations[k] ?? batch.commonAnnotations[k];
      if (v) parts.push(v);
    }
  }
  return [...new Set(parts)].join('\n');
}

/** Whether a stored alert already says what an incoming one says: replaying it changes nothing. */
export function sameAlert(
  stored: { status: string; startsAt: Date; endsAt: Date | null },
  incoming: Pick<IncomingAlert, 'status' | 'startsAt' | 'endsAt'>,
): boolean {
  return (
    stored.status === incoming.status &&
    stored.startsAt.getTime() === incoming.startsAt.getTime() &&
    (stored.endsAt?.getTime() ?? null) === (incoming.endsAt?.getTime() ?? null)
  );
}

// The intake's writes: a group's alerts (compared with what is stored, so a
// replay writes nothing) and the link from the group to its incident, written
// together with the events it causes (the outbox, lib/notifications/outbox.ts).
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { EventEnvelope, WebhookEvent } from '@/lib/notifications/events';
import { emitEvent } from '@/lib/notifications/outbox';
import { sameAlert } from './normalize';
import type { AlertBatch, AlertMatch, IncomingAlert } from './schema';

/** A write of one group may wait this long for another delivery of the same group. */
const TX_OPTIONS = { timeout: 20_000 } as const;

export interface RecordedBatch {
  groupId: string;
  incidentId: string | null;
  matches: AlertMatch[];
  /** Alerts that are new or say something new (status, start or end): what the incident must hear about. */
  changed: IncomingAlert[];
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/**
 * Stores `batch`'s alerts under its group, creating the group on first sight.
 * The group row is locked for the comparison, so two deliveries of one group
 * agree on what changed. Nothing is written when nothing changed.
 */
export async function recordBatch(batch: AlertBatch): Promise<RecordedBatch> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO alert_groups (id, source, group_key, receiver, status, labels)
      VALUES (${randomUUID()}, ${batch.source}, ${batch.groupKey}, ${batch.receiver}, ${batch.status},
              ${JSON.stringify(batch.groupLabels)}::jsonb)
      ON CONFLICT (source, group_key) DO NOTHING`;
    const [group] = await tx.$queryRaw<{ id: string; incident_id: string | null; matches: AlertMatch[] }[]>`
      SELECT id, incident_id, matches FROM alert_groups
      WHERE source = ${batch.source} AND group_key = ${batch.groupKey} FOR UPDATE`;
    const stored = new Map((await tx.alert.findMany({ where: { groupId: group!.id } })).map((a) => [a.fingerprint, a] as const));
    const changed = batch.alerts.filter((a) => {
      const s = stored.get(a.fingerprint);
      return !s || !sameAlert(s, a);
    });
    for (const a of changed) {
      const fields = {
        status: a.status,
        labels: json(a.labels),
        annotations: json(a.annotations),
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        generatorUrl: a.generatorUrl,
      };
      await tx.alert.upsert({
        where: { groupId_fingerprint: { groupId: group!.id, fingerprint: a.fingerprint } },
        create: { groupId: group!.id, fingerprint: a.fingerprint, ...fields },
        update: fields,
      });
    }
    if (changed.length) {
      await tx.alertGroup.update({
        where: { id: group!.id },
        data: { status: batch.status, receiver: batch.receiver, labels: json(batch.groupLabels), lastSeenAt: new Date() },
      });
    }
    return { groupId: group!.id, incidentId: group!.incident_id, matches: group!.matches ?? [], changed };
  }, TX_OPTIONS);
}

export type PendingEvent = { event: WebhookEvent; envelope: Omit<EventEnvelope, 'event' | 'at'> };

/** Links the group to its incident and keeps its matches, in one transaction with the events this causes. */
export async function linkGroup(groupId: string, incidentId: string | null, matches: AlertMatch[], events: PendingEvent[]) {
  await db.$transaction(async (tx) => {
    await tx.alertGroup.update({ where: { id: groupId }, data: { incidentId, matches: json(matches) } });
    for (const e of events) await emitEvent(tx, e.event, e.envelope);
  }, TX_OPTIONS);
}

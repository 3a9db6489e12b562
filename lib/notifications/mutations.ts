// Webhook settings and the dead-letter retry, on the app's client.
import { db } from '@/lib/db';
import { sealSecret } from '@/lib/hosts/secret-box';
import { log } from '@/lib/log';
import { siteUrl, webhookMaxAttempts } from './events';
import { enqueueDelivery, emitEvent } from './outbox';
import type { CreateWebhookInput } from './schema';
import { newWebhookSecret } from './sign';

/** A new webhook and its secret, which is returned this once and stored sealed. */
export async function createWebhook(input: CreateWebhookInput): Promise<{ id: string; secret: string }> {
  const secret = newWebhookSecret();
  const hook = await db.webhook.create({
    data: { name: input.name, url: input.url, events: input.events, format: input.format, secretSealed: sealSecret(secret) },
    select: { id: true },
  });
  return { id: hook.id, secret };
}

export async function setWebhookDisabled(id: string, disabled: boolean): Promise<boolean> {
  return (await db.webhook.updateMany({ where: { id }, data: { disabled } })).count === 1;
}

export async function deleteWebhook(id: string): Promise<boolean> {
  return (await db.webhook.deleteMany({ where: { id } })).count === 1;
}

/** A dead delivery tried again from the start: a fresh set of attempts, enqueued with the reset. */
export async function retryDelivery(id: string): Promise<'queued' | 'waiting' | 'missing'> {
  return db.$transaction(async (tx) => {
    const maxAttempts = webhookMaxAttempts();
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id, status: 'dead' },
      data: { status: 'pending', attempts: 0, maxAttempts, nextAttemptAt: null },
    });
    if (count === 0) return 'missing';
    return (await enqueueDelivery(tx, id, maxAttempts)) ? 'queued' : 'waiting';
  });
}

/**
 * incident.published, from the one place a save is known to publish a draft
 * (lib/incidents/saved.ts, after the save committed). Never fails the save:
 * an event that cannot be recorded is logged.
 */
export async function notifyIncidentPublished(incident: {
  id: string;
  slug: string;
  title: string;
  severity: string;
  status: string;
}) {
  try {
    await db.$transaction((tx) =>
      emitEvent(tx, 'incident.published', {
        text: `Published: ${incident.title} (${incident.severity})`,
        url: siteUrl(`/incidents/${incident.slug}`),
        data: incident,
      }),
    );
  } catch (err) {
    log.error({ err, slug: incident.slug }, 'webhooks: incident.published could not be recorded');
  }
}

/** approval.requested and approval.decided (lib/approvals/notify.ts), after the request or decision committed. Never fails them. */
export async function notifyApproval(
  event: 'approval.requested' | 'approval.decided',
  text: string,
  batchId: string,
  data: Record<string, unknown>,
) {
  try {
    await db.$transaction((tx) =>
      emitEvent(tx, event, { text, url: siteUrl(`/checks/batches/${encodeURIComponent(batchId)}`), data }),
    );
  } catch (err) {
    log.error({ err, batchId }, `webhooks: ${event} could not be recorded`);
  }
}

// The outbox: an event becomes one webhook_deliveries row per subscribed
// webhook, written by the caller's transaction (so an event that rolls back
// sends nothing and one that commits is never lost), plus a graphile-worker
// job that triggers the delivery. The row is the truth; the job only wakes a
// worker. Where graphile-worker's schema is not installed yet, the rows wait
// as 'pending' and requeuePending() enqueues them once it is.
// Takes a client or transaction, so the worker script and the app share it.
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { webhookMaxAttempts, type EventEnvelope, type WebhookEvent } from './events';

type Client = PrismaClient | Prisma.TransactionClient;

export const DELIVER_TASK = 'webhook-deliver';

async function queueInstalled(client: Client): Promise<boolean> {
  const [row] = await client.$queryRaw<{ present: boolean }[]>`SELECT to_regnamespace('graphile_worker') IS NOT NULL AS present`;
  return !!row?.present;
}

/** Enqueues the delivery job; the delivery id is the job key, so a retry replaces a waiting job instead of doubling it. */
export async function enqueueDelivery(client: Client, deliveryId: string, maxAttempts: number): Promise<boolean> {
  if (!(await queueInstalled(client))) return false;
  // $executeRaw: add_job returns a row of graphile-worker's private type, which nothing here reads.
  await client.$executeRaw`
    SELECT graphile_worker.add_job(${DELIVER_TASK}, json_build_object('deliveryId', ${deliveryId}::text),
      max_attempts => ${maxAttempts}::int, job_key => ${deliveryId}::text)`;
  return true;
}

/** Records `event` for every enabled webhook that subscribes to it; returns how many deliveries it made. */
export async function emitEvent(
  client: Client,
  event: WebhookEvent,
  envelope: Omit<EventEnvelope, 'event' | 'at'>,
): Promise<number> {
  const hooks = await client.webhook.findMany({ where: { disabled: false, events: { has: event } }, select: { id: true } });
  if (!hooks.length) return 0;
  const payload = { event, at: new Date().toISOString(), ...envelope } satisfies EventEnvelope;
  const maxAttempts = webhookMaxAttempts();
  for (const hook of hooks) {
    const delivery = await client.webhookDelivery.create({
      data: { webhookId: hook.id, event, payload: payload as unknown as Prisma.InputJsonValue, maxAttempts },
      select: { id: true },
    });
    await enqueueDelivery(client, delivery.id, maxAttempts);
  }
  return hooks.length;
}

/**
 * Enqueues deliveries still 'pending' with no job (written before the queue's
 * schema existed). For the worker's start; job keys make it safe to repeat.
 */
export async function requeuePending(client: Client): Promise<number> {
  if (!(await queueInstalled(client))) return 0;
  const pending = await client.webhookDelivery.findMany({
    where: { status: { in: ['pending', 'failed'] } },
    select: { id: true, attempts: true, maxAttempts: true },
  });
  for (const d of pending) await enqueueDelivery(client, d.id, Math.max(1, d.maxAttempts - d.attempts));
  return pending.length;
}

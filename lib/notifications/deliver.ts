// One try of one delivery, as the worker's 'webhook-deliver' job runs it:
// read the outbox row, POST the body under the webhook egress policy, and
// record the outcome on the row. A failure before the last try throws, so
// graphile-worker tries again after its exponential backoff (exp(n) seconds);
// the last failure marks the row dead (the dead-letter list) and returns.
// Takes a client: the worker script has its own.
import type { Task } from 'graphile-worker';
import { agentRequest, FORBIDDEN_ADDRESS } from '@/lib/agents/egress';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { openSecret } from '@/lib/hosts/secret-box';
import { webhookEgressPolicy, webhookReason } from './egress';
import { WEBHOOK_ERROR_MAX, WEBHOOK_TIMEOUT_MS, type EventEnvelope } from './events';
import { formatBody } from './format';
import { DELIVER_TASK } from './outbox';
import { signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign';

/** graphile-worker's own backoff after the n-th failed attempt, shown as the next try on the row. */
const backoffMs = (attempts: number) => Math.exp(Math.min(attempts, 10)) * 1000;

export type TryOutcome = 'delivered' | 'retry' | 'dead' | 'skipped';

/** A refused address stays refused: its delivery is dead at once instead of waiting out the retries. */
const PERMANENT = /^address refused/;

async function post(url: string, headers: Record<string, string>, body: string): Promise<string | null> {
  let res: Response;
  try {
    res = await agentRequest(
      new URL(url),
      { method: 'POST', headers, body, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) },
      webhookEgressPolicy(),
    );
  } catch (err) {
    const e = err as { code?: string; reason?: string; name?: string; message?: string };
    if (e.code === FORBIDDEN_ADDRESS) return `address refused: ${webhookReason(e.reason ?? '')}`;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
    return `${e.code ?? 'error'}: ${e.message ?? 'request failed'}`;
  }
  // Only the start of the answer is read: a receiver may send a page of HTML.
  const reader = res.body?.getReader();
  let text = '';
  if (reader) {
    const first = await reader.read().catch(() => ({ value: undefined }));
    if (first.value) text = new TextDecoder().decode(first.value).slice(0, WEBHOOK_ERROR_MAX);
    await reader.cancel().catch(() => {});
  }
  if (res.status >= 200 && res.status < 300) return null;
  return `HTTP ${res.status}${text ? `: ${text.replace(/\s+/g, ' ').trim()}` : ''}`.slice(0, WEBHOOK_ERROR_MAX);
}

export async function deliverOnce(prisma: PrismaClient, deliveryId: string): Promise<TryOutcome> {
  const d = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  // Deleted meanwhile (with its webhook, whose rows cascade), or already settled: nothing to try.
  if (!d?.webhook || d.status === 'delivered' || d.status === 'dead') return 'skipped';
  const attempts = d.attempts + 1;
  let error: string | null;
  if (d.webhook.disabled) {
    error = 'the webhook is disabled';
  } else {
    const envelope = d.payload as unknown as EventEnvelope;
    const body = formatBody(d.webhook.format, envelope);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'pmkb-webhooks/1',
      'x-pmkb-event': d.event,
      'x-pmkb-delivery': d.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signature(openSecret(d.webhook.secretSealed), timestamp, body),
    };
    error = await post(d.webhook.url, headers, body);
  }
  const data: Prisma.WebhookDeliveryUpdateInput = error
    ? attempts >= d.maxAttempts || d.webhook.disabled || PERMANENT.test(error)
      ? { status: 'dead', attempts, lastError: error, nextAttemptAt: null }
      : { status: 'failed', attempts, lastError: error, nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) }
    : { status: 'delivered', attempts, lastError: null, nextAttemptAt: null, deliveredAt: new Date() };
  await prisma.webhookDelivery.update({ where: { id: d.id }, data });
  if (!error) return 'delivered';
  return data.status === 'dead' ? 'dead' : 'retry';
}

/**
 * The worker's tasks for webhooks: register them in the shared worker
 * (`run({ taskList: { ...webhookTasks(prisma), ... } })`). A 'retry' throws so
 * graphile-worker schedules the next try with its backoff.
 */
export function webhookTasks(prisma: PrismaClient): Record<typeof DELIVER_TASK, Task> {
  return {
    [DELIVER_TASK]: async (payload) => {
      const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
      if (typeof deliveryId !== 'string') return; // not ours to retry: a malformed job is dropped
      const outcome = await deliverOnce(prisma, deliveryId);
      if (outcome === 'retry') throw new Error(`webhook delivery ${deliveryId} failed; graphile-worker will try again`);
    },
  };
}

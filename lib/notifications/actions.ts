'use server';
// Admin-only webhook settings and the dead-letter retry (/admin/webhooks).
// Each action runs through lib/actions/pipeline.ts (role 'admin' checked,
// refusals audited) and records its success in the audit trail.
import { action } from '@/lib/actions/pipeline';
import { audit } from '@/lib/audit/guard';
import { createWebhook, deleteWebhook, retryDelivery, setWebhookDisabled } from './mutations';
import { createWebhookSchema, deliveryIdSchema, setWebhookDisabledSchema, webhookIdSchema } from './schema';

const pages = () => ['/admin/webhooks'];
const gone = { ok: false as const, error: 'It was deleted meanwhile; reload the page.' };

export const createWebhookAction = action({
  name: 'webhook.create',
  role: 'admin',
  input: 'form',
  schema: createWebhookSchema,
  // Events are checkboxes: one form field per ticked box.
  read: (fd: FormData) => ({
    name: fd.get('name') ?? '',
    url: fd.get('url') ?? '',
    format: fd.get('format') ?? '',
    events: fd.getAll('events'),
  }),
  handler: async (input, { viewer }) => {
    const { id, secret } = await createWebhook(input);
    // The URL may carry a chat server's token in its path: the trail keeps the host only.
    const host = new URL(input.url).host;
    await audit(viewer, {
      action: 'webhook.create',
      targetType: 'webhook',
      targetId: id,
      outcome: 'success',
      details: { name: input.name, host, events: input.events.join(' '), format: input.format },
    });
    return { ok: true as const, id, secret };
  },
  revalidate: pages,
});

export const setWebhookDisabledAction = action({
  name: 'webhook.disable',
  role: 'admin',
  input: 'form',
  schema: setWebhookDisabledSchema,
  handler: async ({ webhookId, disabled }, { viewer }) => {
    if (!(await setWebhookDisabled(webhookId, disabled))) return gone;
    await audit(viewer, {
      action: disabled ? 'webhook.disable' : 'webhook.enable',
      targetType: 'webhook',
      targetId: webhookId,
      outcome: 'success',
    });
    return { ok: true as const };
  },
  revalidate: pages,
});

export const deleteWebhookAction = action({
  name: 'webhook.delete',
  role: 'admin',
  input: 'form',
  schema: webhookIdSchema,
  handler: async ({ webhookId }, { viewer }) => {
    if (!(await deleteWebhook(webhookId))) return gone;
    await audit(viewer, { action: 'webhook.delete', targetType: 'webhook', targetId: webhookId, outcome: 'success' });
    return { ok: true as const };
  },
  revalidate: pages,
});

export const retryDeliveryAction = action({
  name: 'webhook.retry',
  role: 'admin',
  input: 'form',
  schema: deliveryIdSchema,
  handler: async ({ deliveryId }, { viewer }) => {
    const outcome = await retryDelivery(deliveryId);
    if (outcome === 'missing')
      return { ok: false as const, error: 'This delivery is no longer in the dead-letter list; reload the page.' };
    await audit(viewer, {
      action: 'webhook.retry',
      targetType: 'webhook_delivery',
      targetId: deliveryId,
      outcome: 'success',
      details: { queued: outcome === 'queued' },
    });
    return { ok: true as const, queued: outcome === 'queued' };
  },
  revalidate: pages,
});

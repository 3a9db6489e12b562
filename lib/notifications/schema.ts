// What an admin submits at /admin/webhooks.
import { z } from 'zod';
import { WebhookFormat } from '@/lib/generated/prisma/enums';
import { safeString } from '@/lib/validation/text';
import { webhookUrlProblem } from './egress';
import { WEBHOOK_EVENTS } from './events';

/** Chat servers' webhook URLs carry a long token in the path; nothing longer is a URL anyone types. */
export const WEBHOOK_URL_MAX = 2_000;
const id = safeString().trim().min(1).max(64);

export const createWebhookSchema = z.object({
  name: safeString().trim().min(1, 'Name it, e.g. "#ops in Mattermost".').max(100, 'At most 100 characters.'),
  url: safeString()
    .trim()
    .min(1, 'Required.')
    .max(WEBHOOK_URL_MAX, `At most ${WEBHOOK_URL_MAX} characters.`)
    .superRefine((url, ctx) => {
      const problem = webhookUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'Choose at least one event.').max(WEBHOOK_EVENTS.length),
  format: z.enum(WebhookFormat),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ webhookId: id });
export const setWebhookDisabledSchema = z.object({
  webhookId: id,
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
export const deliveryIdSchema = z.object({ deliveryId: id });

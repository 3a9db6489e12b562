// Reads for /admin/webhooks: the webhooks and their recent and dead deliveries.
import 'server-only';
import { db } from '@/lib/db';

/** Recent deliveries shown per page: enough to see a pattern, not a log. */
export const RECENT_DELIVERIES = 30;
/** Dead deliveries listed; older ones stay in the table. */
export const DEAD_LETTERS_SHOWN = 100;

const deliverySelect = {
  id: true,
  event: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  lastError: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
  webhook: { select: { name: true } },
} as const;

export async function webhooksPage() {
  const [webhooks, recent, dead] = await Promise.all([
    db.webhook.findMany({
      orderBy: { createdAt: 'asc' },
      select: { id: true, name: true, url: true, events: true, format: true, disabled: true, createdAt: true },
    }),
    db.webhookDelivery.findMany({ orderBy: { createdAt: 'desc' }, take: RECENT_DELIVERIES, select: deliverySelect }),
    db.webhookDelivery.findMany({
      where: { status: 'dead' },
      orderBy: { updatedAt: 'desc' },
      take: DEAD_LETTERS_SHOWN,
      select: deliverySelect,
    }),
  ]);
  return { webhooks, recent, dead };
}
export type WebhooksPage = Awaited<ReturnType<typeof webhooksPage>>;

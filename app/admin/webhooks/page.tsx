import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateWebhookForm, RetryDeliveryButton, WebhookRowActions } from '@/components/admin/WebhookForms';
import { requirePageRole } from '@/lib/auth/session';
import { webhooksPage, type WebhooksPage } from '@/lib/notifications/queries';

export const metadata = { title: 'Webhooks' };

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');
/** The URL's host only: a chat server's webhook URL carries its token in the path. */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

function Deliveries({ rows, retry }: { rows: WebhooksPage['recent']; retry?: boolean }) {
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr>
          <th className="py-1 pr-3">Created</th>
          <th className="py-1 pr-3">Webhook</th>
          <th className="py-1 pr-3">Event</th>
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3">Tries</th>
          <th className="py-1 pr-3">Last error</th>
          {retry && <th className="py-1">Action</th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {rows.map((d) => (
          <tr key={d.id}>
            <td className="py-1 pr-3 whitespace-nowrap">{when(d.createdAt)}</td>
            <td className="py-1 pr-3">{d.webhook.name}</td>
            <td className="py-1 pr-3">
              <code>{d.event}</code>
            </td>
            <td className="py-1 pr-3">
              {d.status}
              {d.status === 'failed' && d.nextAttemptAt ? `, next try ${when(d.nextAttemptAt)}` : ''}
            </td>
            <td className="py-1 pr-3">
              {d.attempts}/{d.maxAttempts}
            </td>
            <td className="py-1 pr-3 break-all">{d.lastError}</td>
            {retry && (
              <td className="py-1">
                <RetryDeliveryButton deliveryId={d.id} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function AdminWebhooksPage() {
  await requirePageRole('admin', '/admin/webhooks');
  const { webhooks, recent, dead } = await webhooksPage();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Webhooks</h1>
        <AdminNav current="webhooks" />
      </div>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        Each event is written to an outbox with the change that caused it and delivered by the worker, never by the request
        itself. A receiver that fails is tried again with growing pauses; after the last try the delivery lands in the dead-letter
        list below. Every change here is recorded in the audit trail.
      </p>
      <AdminSection id="add-webhook" title="Add a webhook" boxed>
        <CreateWebhookForm />
      </AdminSection>
      <AdminSection id="all-webhooks" title={<>All webhooks ({webhooks.length})</>}>
        {webhooks.length === 0 && <p className="text-slate-600 dark:text-slate-400">No webhooks: nothing is sent.</p>}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {webhooks.map((h) => (
            <li key={h.id} className="space-y-2 py-3">
              <p>
                <strong>{h.name}</strong> {h.disabled && <span className="text-amber-700 dark:text-amber-300">(disabled)</span>} —{' '}
                {h.format} to <code>{hostOf(h.url)}</code>, on {h.events.map((e) => e).join(', ')}
              </p>
              <WebhookRowActions hook={h} />
            </li>
          ))}
        </ul>
      </AdminSection>
      <AdminSection id="dead-letters" title={<>Dead letters ({dead.length})</>}>
        {dead.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No delivery has given up.</p>
        ) : (
          <Deliveries rows={dead} retry />
        )}
      </AdminSection>
      <AdminSection id="recent" title="Recent deliveries">
        {recent.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">Nothing sent yet.</p>
        ) : (
          <Deliveries rows={recent} />
        )}
      </AdminSection>
    </div>
  );
}

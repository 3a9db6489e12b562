'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormMessage, FormOutcome, failedFields, secondaryButtonClass } from '@/components/forms/Field';
import {
  createWebhookAction,
  deleteWebhookAction,
  retryDeliveryAction,
  setWebhookDisabledAction,
} from '@/lib/notifications/actions';
import { EVENT_DESCRIPTIONS, WEBHOOK_EVENTS } from '@/lib/notifications/events';

const FORMATS = [
  { value: 'slack', label: 'Slack-compatible ({ text })' },
  { value: 'mattermost', label: 'Mattermost-compatible ({ text })' },
  { value: 'generic', label: 'Generic JSON, signed (X-PMKB-Signature)' },
] as const;

export function CreateWebhookForm() {
  const [state, action, pending] = useActionState(createWebhookAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" aria-label="Add webhook">
      <FormOutcome
        state={state}
        className="space-y-1"
        done={(created) => (
          <>
            <p>Webhook added. Its signing secret, shown this once (generic deliveries are signed with it):</p>
            <code className="block font-mono break-all" aria-label="Webhook secret">
              {created.secret}
            </code>
          </>
        )}
      />
      <Field
        name="name"
        label="Name"
        required
        errors={errors?.name}
        defaultValue={values?.name}
        placeholder="#ops in Mattermost"
      />
      <Field
        name="url"
        label="URL"
        required
        errors={errors?.url}
        defaultValue={values?.url}
        placeholder="https://chat.example.com/hooks/…"
        hint="http or https. Link-local and metadata addresses are refused; loopback only with WEBHOOK_ALLOW_LOOPBACK=true."
      />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Events</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="events" value={e} defaultChecked={e !== 'check.failed'} />
            <code>{e}</code> <span className="text-slate-600 dark:text-slate-400">{EVENT_DESCRIPTIONS[e]}</span>
          </label>
        ))}
        {errors?.events?.length ? <p className="text-sm text-red-700 dark:text-red-300">{errors.events.join(' ')}</p> : null}
      </fieldset>
      <label className="block text-sm font-medium">
        Format
        <select
          name="format"
          defaultValue={values?.format ?? 'generic'}
          className="mt-1 block rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
        >
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass} disabled={pending}>
        Add webhook
      </button>
    </form>
  );
}

export function WebhookRowActions({ hook }: { hook: { id: string; name: string; disabled: boolean } }) {
  const [disableState, disableAction, disablePending] = useActionState(setWebhookDisabledAction, null);
  const [deleteState, deleteAction, deletePending] = useActionState(deleteWebhookAction, null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={disableAction}>
        <input type="hidden" name="webhookId" value={hook.id} />
        <input type="hidden" name="disabled" value={hook.disabled ? 'false' : 'true'} />
        <button type="submit" className={secondaryButtonClass} disabled={disablePending}>
          {hook.disabled ? 'Enable' : 'Disable'} {hook.name}
        </button>
      </form>
      <form action={deleteAction}>
        <input type="hidden" name="webhookId" value={hook.id} />
        <button type="submit" className={secondaryButtonClass} disabled={deletePending}>
          Delete {hook.name}
        </button>
      </form>
      <FormMessage state={disableState} />
      <FormMessage state={deleteState} />
    </div>
  );
}

export function RetryDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const [state, action, pending] = useActionState(retryDeliveryAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Retry
      </button>
      <FormMessage state={state} />
      {state?.ok && !state.queued && (
        <span role="status" className="ml-2 text-sm">
          Queued; the worker is not running here, so it waits.
        </span>
      )}
    </form>
  );
}

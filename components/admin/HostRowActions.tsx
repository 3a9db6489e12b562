'use client';
import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { deleteHost, setHostDisabled, updateHost } from '@/lib/hosts/actions';
import { formatLabels, type HostLabels } from '@/lib/hosts/labels';
import { RotateSecretForm } from './RotateSecretForm';

const small = 'rounded-md border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

export function HostRowActions({
  host,
}: {
  host: { id: string; name: string; role: string; agentUrl: string; disabled: boolean; labels: HostLabels };
}) {
  const [editState, editAction, editPending] = useActionState(updateHost, null);
  const [disableState, disableAction, disablePending] = useActionState(setHostDisabled, null);
  const [deleteState, deleteAction, deletePending] = useActionState(deleteHost, null);
  const failed = [editState, disableState, deleteState].find((s) => s && !s.ok);
  const error = failed && !failed.ok ? [failed.error, ...Object.values(failed.fieldErrors ?? {}).flat()].join(' ') : null;
  return (
    <div className="space-y-2">
      <form action={editAction} className="flex flex-wrap items-end gap-2" aria-label={`Edit ${host.name}`}>
        <input type="hidden" name="hostId" value={host.id} />
        <label className="text-xs">
          Role
          <input name="role" defaultValue={host.role} className={`${small} block w-32`} aria-label={`Role of ${host.name}`} />
        </label>
        <label className="text-xs">
          Labels
          <input
            name="labels"
            defaultValue={formatLabels(host.labels)}
            placeholder="site=par1,tier=edge"
            className={`${small} block w-56`}
            aria-label={`Labels of ${host.name}`}
          />
        </label>
        <label className="text-xs">
          Agent URL
          <input
            name="agentUrl"
            defaultValue={host.agentUrl}
            className={`${small} block w-64`}
            aria-label={`Agent URL of ${host.name}`}
          />
        </label>
        <label className="text-xs">
          New secret (optional)
          <input
            name="secret"
            type="password"
            autoComplete="off"
            className={`${small} block w-48`}
            aria-label={`New secret of ${host.name}`}
          />
        </label>
        <button type="submit" className={secondaryButtonClass} disabled={editPending} aria-label={`Save ${host.name}`}>
          Save
        </button>
      </form>
      <div className="flex flex-wrap gap-2">
        <form action={disableAction}>
          <input type="hidden" name="hostId" value={host.id} />
          <input type="hidden" name="disabled" value={host.disabled ? 'false' : 'true'} />
          <button type="submit" className={secondaryButtonClass} disabled={disablePending}>
            {host.disabled ? `Enable ${host.name}` : `Disable ${host.name}`}
          </button>
        </form>
        <form action={deleteAction}>
          <input type="hidden" name="hostId" value={host.id} />
          <button type="submit" className={secondaryButtonClass} disabled={deletePending}>
            Delete {host.name}
          </button>
        </form>
      </div>
      <RotateSecretForm hostId={host.id} hostName={host.name} />
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {editState?.ok && (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          Saved.
        </p>
      )}
    </div>
  );
}

'use client';
// "Rotate secret": the app generates a new agent secret (or takes the admin's)
// and shows a generated one here once, to be put into the agent's config.
import { useActionState, useState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { rotateHostSecret } from '@/lib/hosts/actions';

const small = 'rounded-md border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

export function RotateSecretForm({ hostId, hostName }: { hostId: string; hostName: string }) {
  const [state, action, pending] = useActionState(rotateHostSecret, null);
  const [open, setOpen] = useState(false);
  const failed = state && !state.ok ? [state.error, ...Object.values(state.fieldErrors ?? {}).flat()].join(' ') : null;
  return (
    <div className="space-y-2">
      {!open ? (
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)}>
          Rotate secret of {hostName}
        </button>
      ) : (
        <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Rotate secret of ${hostName}`}>
          <input type="hidden" name="hostId" value={hostId} />
          <label className="text-xs">
            Your own secret (optional; empty generates one)
            <input name="secret" type="password" autoComplete="off" className={`${small} block w-64`} />
          </label>
          <button type="submit" className={secondaryButtonClass} disabled={pending}>
            Rotate now
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
            Cancel
          </button>
          <p className="basis-full text-xs text-slate-600 dark:text-slate-400">
            Calls to {hostName} fail until its agent&apos;s config has the new secret.
          </p>
        </form>
      )}
      {failed && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {failed}
        </p>
      )}
      {state?.ok && (
        <div
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          {state.newSecret ? (
            <>
              <p>
                New secret for {state.hostName}, shown only now. Put it into the agent&apos;s config (<code>secret</code>,{' '}
                <code>secretFile</code> or <code>secretEnv</code>) and restart the agent:
              </p>
              <output className="mt-1 block font-mono break-all select-all">{state.newSecret}</output>
            </>
          ) : (
            <p>The secret of {state.hostName} is replaced. Put the same secret into its agent&apos;s config.</p>
          )}
        </div>
      )}
    </div>
  );
}

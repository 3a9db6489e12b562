'use client';
import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { restoreRevision } from '@/lib/incidents/actions';

/** Restores one revision as a new version; `current` is the version the page showed. */
export function RestoreButton({ revisionId, version, current }: { revisionId: string; version: number; current: number }) {
  const [state, action, pending] = useActionState(restoreRevision, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="revisionId" value={revisionId} />
      <input type="hidden" name="version" value={current} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Restore version {version}
      </button>
      {state && (
        <span
          role={state.ok ? 'status' : 'alert'}
          className={`ml-2 text-sm ${state.ok ? 'text-green-800 dark:text-green-300' : 'text-red-700 dark:text-red-300'}`}
        >
          {state.ok ? `Restored as version ${state.version}.` : state.error}
        </span>
      )}
    </form>
  );
}

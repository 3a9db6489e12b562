'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { buttonClass, inputClass } from '@/components/forms/Field';
import { importIncident } from '@/lib/incidents/actions';

export function ImportForm() {
  const [state, action, pending] = useActionState(importIncident, null);
  const failed = state && !state.ok ? state : null;
  const fileErrors = failed?.fieldErrors?.file;
  const otherErrors = Object.entries(failed?.fieldErrors ?? {}).filter(([k, v]) => k !== 'file' && v?.length);
  return (
    <form action={action} className="space-y-4" aria-label="Import a postmortem">
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Incident file (.md)
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".md,text/markdown,text/plain"
          required
          aria-invalid={fileErrors?.length ? true : undefined}
          aria-describedby={fileErrors?.length ? 'import-file-error' : undefined}
          className={inputClass}
        />
        {fileErrors?.length ? (
          <p id="import-file-error" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {fileErrors.join(' ')}
          </p>
        ) : null}
      </div>
      {failed && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <p className="font-medium">{failed.error}</p>
          {otherErrors.length > 0 && (
            <table className="mt-2 text-left">
              <caption className="sr-only">Problems by field</caption>
              <thead>
                <tr>
                  <th scope="col" className="pr-4">
                    Field
                  </th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {otherErrors.map(([field, messages]) => (
                  <tr key={field}>
                    <td className="pr-4 font-mono">{field}</td>
                    <td>{messages!.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {state?.ok && (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          {state.created ? 'Created' : 'Updated'}{' '}
          <Link href={`/incidents/${state.slug}`} className="underline">
            {state.slug}
          </Link>
          .
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={pending}>
        Import
      </button>
    </form>
  );
}

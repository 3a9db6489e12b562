'use client';
// Shown when someone else saved first: what differs, theirs against the current
// version, and two ways on. Nothing typed is thrown away unless asked.
import { useEffect, useRef } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/forms/Field';
import type { Conflict } from '@/lib/incidents/actions';
import { differingFields } from '@/lib/incidents/compare';
import type { IncidentForm } from '@/lib/incidents/form';

export function ConflictPanel({
  mine,
  conflict,
  onKeepMine,
  onTakeCurrent,
}: {
  mine: IncidentForm;
  conflict: Conflict;
  onKeepMine: () => void;
  onTakeCurrent: () => void;
}) {
  const diffs = differingFields(mine, conflict.form);
  const when = new Date(conflict.savedAt).toLocaleString();
  const ref = useRef<HTMLElement>(null);
  // Focus moves here so keyboard and screen reader users meet the conflict first.
  useEffect(() => ref.current?.focus(), [conflict]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="conflict-title"
      aria-describedby="conflict-desc"
      className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4 dark:bg-amber-950"
    >
      <h2 id="conflict-title" className="text-xl font-semibold">
        Edit conflict: this incident changed while you were editing
      </h2>
      <p id="conflict-desc" role="alert" className="mt-1 text-sm">
        {conflict.savedBy ?? 'Someone'} saved version {conflict.version} at {when}. Your changes are not saved yet and are still
        in the form.
      </p>
      {diffs.length === 0 ? (
        <p className="mt-3 text-sm">Your version and the current one have the same content.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Fields that differ between your version and the current one</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-amber-300 p-2">
                  Field
                </th>
                <th scope="col" className="border-b border-amber-300 p-2">
                  Your version
                </th>
                <th scope="col" className="border-b border-amber-300 p-2">
                  Current version
                </th>
              </tr>
            </thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={d.field} className="align-top">
                  <th scope="row" className="border-b border-amber-200 p-2 font-medium">
                    {d.label}
                  </th>
                  <td className="border-b border-amber-200 p-2 whitespace-pre-wrap">{d.mine || '—'}</td>
                  <td className="border-b border-amber-200 p-2 whitespace-pre-wrap">{d.current || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" className={buttonClass} onClick={onKeepMine}>
          Keep my version and save it over the current one
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onTakeCurrent}>
          Discard my changes and load the current version
        </button>
      </div>
      <p className="mt-2 text-xs">
        &quot;Keep my version&quot; puts your input back in the form based on version {conflict.version}; press save again to
        apply it. The current version stays in the history either way.
      </p>
    </section>
  );
}

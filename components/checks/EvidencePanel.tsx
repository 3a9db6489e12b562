// Where a run or launch stands as evidence (decision 037), and its buttons:
// "Attached to the timeline of <incident> (revision N)", or "Attach to
// timeline" for authors; "Run again" for operators. A reader never sees a
// draft's name here: lib/checks/evidence-queries.ts withholds it.
import Link from 'next/link';
import type { EvidenceState } from '@/lib/checks/evidence-queries';
import { AttachButton, RunAgainButton } from './EvidenceButtons';

const link = 'text-blue-800 underline hover:no-underline dark:text-sky-300';

export function EvidencePanel({
  state,
  target,
  canAttach,
  canRunAgain,
}: {
  state: EvidenceState;
  target: { runId: string } | { batchId: string };
  canAttach: boolean;
  canRunAgain: boolean;
}) {
  const inc = state.incident;
  const named = inc && inc.slug && inc.title;
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
      {named && state.attached && (
        <p className="text-sm">
          Attached to the timeline of{' '}
          <Link href={`/incidents/${inc.slug}`} className={link}>
            {inc.title}
          </Link>{' '}
          (revision {state.attached.version}), {state.attached.at.replace('T', ' ').slice(0, 16)} UTC.
        </p>
      )}
      {named && !state.attached && (
        <p className="text-sm text-slate-700 dark:text-slate-300">Not on the incident’s timeline: nothing is added by itself.</p>
      )}
      {named && !state.attached && canAttach && state.attachable && inc.version !== null && (
        <AttachButton target={target} version={inc.version} incidentTitle={inc.title!} />
      )}
      {named && !state.attached && canAttach && !state.attachable && (
        <p className="text-sm text-slate-600 dark:text-slate-400">It can be attached once every host has answered.</p>
      )}
      {canRunAgain && <RunAgainButton target={target} />}
    </div>
  );
}

'use client';
// The evidence buttons of a run, a launch and an incident (decision 037). Each is
// a small form: it works as a plain POST, says why it failed next to itself, and
// after "Run again" or "Re-check now" opens the page that shows what changed.
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { FormOutcome, secondaryButtonClass } from '@/components/forms/Field';
import { attachToTimelineAction, recheckIncidentAction, runAgainAction } from '@/lib/checks/actions';

type Target = { runId: string } | { batchId: string };

function Hidden({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/** Author: appends one evidence entry to the incident's timeline as a new revision of `version`. */
export function AttachButton({ target, version, incidentTitle }: { target: Target; version: number; incidentTitle: string }) {
  const [state, action, pending] = useActionState(attachToTimelineAction, null);
  return (
    <form action={action} className="space-y-2">
      <Hidden fields={{ ...target, version: String(version) }} />
      <button type="submit" className={secondaryButtonClass} disabled={pending || state?.ok === true}>
        {pending ? 'Attaching…' : 'Attach to timeline'}
      </button>
      <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">of {incidentTitle} (a new revision)</span>
      <FormOutcome state={state} as="p" done={(s) => `Attached: the timeline is now at revision ${s.version}.`} />
    </form>
  );
}

/** Operator: the same check, parameters and hosts again; opens the new launch with its comparison. */
export function RunAgainButton({ target }: { target: Target }) {
  const [state, action, pending] = useActionState(runAgainAction, null);
  const router = useRouter();
  const next = state?.ok ? `/checks/batches/${state.batchId}` : null;
  useEffect(() => {
    if (next) router.push(next);
  }, [next, router]);
  return (
    <form action={action} className="space-y-2">
      <Hidden fields={target} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? 'Starting…' : 'Run again'}
      </button>
      <FormOutcome
        state={state}
        as="p"
        done={(s) =>
          `Started${s.awaitingApproval ? ' (waiting for approval)' : ''}${s.skipped.length ? `; not run on ${s.skipped.join(', ')} (disabled since)` : ''}. Opening the new launch…`
        }
      />
    </form>
  );
}

/** Operator: re-runs the incident's evidence runs; opens the comparison with the time of the incident. */
export function RecheckButton({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState(recheckIncidentAction, null);
  const router = useRouter();
  const next = state?.ok ? `/incidents/${state.slug}/recheck/${state.recheckId}` : null;
  useEffect(() => {
    if (next) router.push(next);
  }, [next, router]);
  return (
    <form action={action} className="space-y-2">
      <Hidden fields={{ slug }} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? 'Starting…' : 'Re-check now'}
      </button>
      <FormOutcome state={state} as="p" done={() => 'Re-check started. Opening the comparison…'} />
    </form>
  );
}

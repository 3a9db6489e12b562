'use client';
// Approve or reject one pending request, with an optional reason (required
// for a break-glass self-approval; the server says so).
import { useActionState } from 'react';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/Field';
import { approveRequest, rejectRequest } from '@/lib/approvals/actions';

export function ApprovalActions({ id, own }: { id: string; own: boolean }) {
  const [approveState, approveAction, approving] = useActionState(approveRequest, null);
  const [rejectState, rejectAction, rejecting] = useActionState(rejectRequest, null);
  const failed = [approveState, rejectState].find((s) => s && !s.ok);
  const error = failed && !failed.ok ? [failed.error, ...Object.values(failed.fieldErrors ?? {}).flat()].join(' ') : null;
  const done = [approveState, rejectState].find((s) => s?.ok);
  return (
    <form className="mt-3 space-y-2" aria-label="Decide this request">
      <input type="hidden" name="id" value={id} />
      <label className="block text-sm font-medium">
        Reason {own ? '(required to approve your own request under break glass)' : '(optional)'}
        <input name="reason" maxLength={500} className={inputClass} autoComplete="off" />
      </label>
      <div className="flex gap-2">
        <button type="submit" formAction={approveAction} className={buttonClass} disabled={approving || rejecting}>
          Approve and run
        </button>
        <button type="submit" formAction={rejectAction} className={secondaryButtonClass} disabled={approving || rejecting}>
          Reject
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {done?.ok && (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {done.decision === 'approved' ? (
            <>
              Approved: the runs are queued.{' '}
              <a href={`/checks/batches/${done.batchId}`} className="underline">
                Follow them
              </a>
              .
            </>
          ) : (
            'Rejected: nothing will run.'
          )}
        </p>
      )}
    </form>
  );
}

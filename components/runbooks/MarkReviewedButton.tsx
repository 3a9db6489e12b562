'use client';
// "Mark reviewed" on a runbook page (authors and above).
import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { markReviewed } from '@/lib/runbooks/actions';

export function MarkReviewedButton({ runbookId, version }: { runbookId: string; version: number }) {
  const [state, formAction, pending] = useActionState(markReviewed, null);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="runbookId" value={runbookId} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className={secondaryButtonClass} disabled={pending || state?.ok}>
        {state?.ok ? 'Marked reviewed' : 'Mark reviewed'}
      </button>
      {state && !state.ok && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.error}
        </span>
      )}
    </form>
  );
}

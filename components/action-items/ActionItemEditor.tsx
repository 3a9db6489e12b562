'use client';
// Changes one action item's status and owner in place (authors). The change is
// a save of the postmortem: the hidden version makes a page that is out of date
// refused instead of overwriting someone else's save.
import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { updateActionItem } from '@/lib/action-items/actions';
import { ACTION_ITEM_STATUS_LABEL } from '@/lib/action-items/schema';
import { ActionItemStatus } from '@/lib/generated/prisma/enums';

const fieldClass =
  'rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';

type Props = { slug: string; position: number; version: number; status: ActionItemStatus; owner: string | null; label: string };

export function ActionItemEditor({ slug, position, version, status, owner, label }: Props) {
  const [state, formAction, pending] = useActionState(updateActionItem, null);
  const id = `ai-${slug}-${position}`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label={`Change ${label}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="position" value={position} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor={`${id}-status`} className="block text-xs text-slate-700 dark:text-slate-300">
          Status
        </label>
        <select
          id={`${id}-status`}
          name="status"
          defaultValue={state && !state.ok ? (state.values?.status ?? status) : status}
          className={fieldClass}
        >
          {Object.values(ActionItemStatus).map((s) => (
            <option key={s} value={s}>
              {ACTION_ITEM_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-owner`} className="block text-xs text-slate-700 dark:text-slate-300">
          Owner
        </label>
        <input
          id={`${id}-owner`}
          name="owner"
          defaultValue={state && !state.ok ? (state.values?.owner ?? owner ?? '') : (owner ?? '')}
          maxLength={120}
          className={`${fieldClass} w-36`}
        />
      </div>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </button>
      {state && !state.ok && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {state.error}
        </p>
      )}
    </form>
  );
}

'use client';
import { useActionState } from 'react';
import {
  buttonClass,
  describedBy,
  Field,
  FormMessage,
  failedFields,
  inputClass,
  secondaryButtonClass,
} from '@/components/forms/Field';
import { createSynonymGroupAction, deleteSynonymGroupAction, updateSynonymGroupAction } from '@/lib/synonyms/actions';

const TERMS_HINT = 'Terms separated by commas, e.g. "lb, load balancer". Each term is a word or a short phrase.';

export function CreateSynonymGroupForm() {
  const [state, action, pending] = useActionState(createSynonymGroupAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-3" aria-label="Add synonym group">
      <FormMessage state={state} />
      {state?.ok && (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          Group added. Searches use it from now on.
        </p>
      )}
      <Field
        name="terms"
        label="Terms"
        required
        errors={errors?.terms}
        defaultValue={values?.terms}
        placeholder="lb, load balancer"
        hint={TERMS_HINT}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        Add group
      </button>
    </form>
  );
}

/** One group: its terms editable in place, saved or deleted against the version the page showed. */
export function SynonymGroupRow({ group }: { group: { id: string; terms: string[]; version: number } }) {
  const [editState, editAction, editPending] = useActionState(updateSynonymGroupAction, null);
  const [deleteState, deleteAction, deletePending] = useActionState(deleteSynonymGroupAction, null);
  const { errors, values } = failedFields(editState);
  const id = `terms-${group.id}`;
  const label = group.terms.join(', ');
  const termErrors = errors?.terms ?? (errors?._ ? errors._ : undefined);
  return (
    <div className="space-y-2">
      <form action={editAction} className="flex flex-wrap items-start gap-2" aria-label={`Edit ${label}`}>
        <input type="hidden" name="groupId" value={group.id} />
        <input type="hidden" name="version" value={group.version} />
        <div className="min-w-64 flex-1">
          <label htmlFor={id} className="sr-only">
            Terms of {label}
          </label>
          <input
            id={id}
            name="terms"
            defaultValue={values?.terms ?? label}
            aria-invalid={termErrors?.length ? true : undefined}
            aria-describedby={describedBy(id, false, !!termErrors?.length)}
            className={`${inputClass} mt-0`}
          />
          {termErrors?.length ? (
            <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
              {termErrors.join(' ')}
            </p>
          ) : null}
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={editPending} aria-label={`Save ${label}`}>
          Save
        </button>
      </form>
      <form action={deleteAction}>
        <input type="hidden" name="groupId" value={group.id} />
        <input type="hidden" name="version" value={group.version} />
        <button type="submit" className={secondaryButtonClass} disabled={deletePending} aria-label={`Delete ${label}`}>
          Delete
        </button>
      </form>
      {[editState, deleteState].map((s, i) =>
        s && !s.ok ? (
          <p key={i} role="alert" className="text-sm text-red-700 dark:text-red-300">
            {s.error}
          </p>
        ) : null,
      )}
      {editState?.ok && (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          Saved.
        </p>
      )}
    </div>
  );
}

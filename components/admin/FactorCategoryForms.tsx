'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormMessage, failedFields, inputClass, secondaryButtonClass } from '@/components/forms/Field';
import { createFactorCategoryAction, deleteFactorCategoryAction, updateFactorCategoryAction } from '@/lib/factors/actions';

export function CreateFactorCategoryForm() {
  const [state, action, pending] = useActionState(createFactorCategoryAction, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-3" aria-label="Add factor category">
      <FormMessage state={state} />
      {state?.ok && (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        >
          Category added.
        </p>
      )}
      <Field
        name="label"
        label="Label"
        required
        errors={errors?.label}
        defaultValue={values?.label}
        placeholder="Certificate expiry"
      />
      <Field
        name="slug"
        label="Slug"
        required
        errors={errors?.slug}
        defaultValue={values?.slug}
        placeholder="certificate-expiry"
        hint="Lowercase words joined by dashes. Content files name it; it cannot change later."
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        Add category
      </button>
    </form>
  );
}

type Row = { slug: string; label: string; position: number; factors: number; incidents: number };

/** One category: its label and order editable; deletion only when nothing uses it. */
export function FactorCategoryRow({ category }: { category: Row }) {
  const [editState, editAction, editPending] = useActionState(updateFactorCategoryAction, null);
  const [deleteState, deleteAction, deletePending] = useActionState(deleteFactorCategoryAction, null);
  const { values } = failedFields(editState);
  const id = `category-${category.slug}`;
  const inUse = category.factors + category.incidents > 0;
  return (
    <div className="space-y-2">
      <form action={editAction} className="flex flex-wrap items-end gap-2" aria-label={`Edit ${category.label}`}>
        <input type="hidden" name="slug" value={category.slug} />
        <input type="hidden" name="previousLabel" value={category.label} />
        <div className="min-w-56 flex-1">
          <label htmlFor={`${id}-label`} className="block text-sm font-medium">
            Label of <code>{category.slug}</code>
          </label>
          <input
            id={`${id}-label`}
            name="label"
            defaultValue={values?.label ?? category.label}
            required
            maxLength={60}
            className={inputClass}
          />
        </div>
        <div className="w-24">
          <label htmlFor={`${id}-position`} className="block text-sm font-medium">
            Order
          </label>
          <input
            id={`${id}-position`}
            name="position"
            type="number"
            min={0}
            max={1000}
            defaultValue={values?.position ?? category.position}
            className={inputClass}
          />
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={editPending}>
          Save
        </button>
      </form>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Used by {category.factors} factor(s) and {category.incidents} incident trigger(s).
      </p>
      {!inUse && (
        <form action={deleteAction}>
          <input type="hidden" name="slug" value={category.slug} />
          <button type="submit" className={secondaryButtonClass} disabled={deletePending}>
            Delete {category.label}
          </button>
        </form>
      )}
      <FormMessage state={editState} />
      <FormMessage state={deleteState} />
    </div>
  );
}

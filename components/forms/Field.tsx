import type { InputHTMLAttributes, ReactNode } from 'react';

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm text-slate-900 aria-[invalid=true]:border-red-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';

/** The ids a control's aria-describedby names: its hint and its errors, as FieldShell renders them. */
export function describedBy(id: string, hint: boolean, hasErrors: boolean): string | undefined {
  return [hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/**
 * The one field wrapper: a label for the control with `id`, then its hint and
 * errors under ids the control names in aria-describedby (describedBy above).
 * Used by Field here and by the postmortem form's controlled inputs.
 */
export function FieldShell({
  id,
  label,
  errors,
  hint,
  className,
  labelHidden,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  labelHidden?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : 'block text-sm font-medium text-slate-700 dark:text-slate-300'}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose errors are announced with it (aria-describedby). */
export function Field({
  name,
  label,
  errors,
  hint,
  children,
  ...input
}: {
  name: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  children?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  return (
    <FieldShell id={id} label={label} errors={errors} hint={hint}>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, !!hint, !!errors?.length)}
          className={inputClass}
          {...input}
        />
      )}
    </FieldShell>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; error?: string } | null | undefined }) {
  if (!state || state.ok || !state.error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {state.error}
    </p>
  );
}

const doneClass = 'rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100';

/**
 * A form's answer from its last action: the failure sentence (FormMessage), or what it
 * did, announced as a status. `done` sees the succeeded state, so it may read its fields.
 */
export function FormOutcome<S extends { ok: boolean; error?: string }>({
  state,
  done,
  as: Tag = 'div',
  className,
}: {
  state: S | null;
  done: (state: Extract<S, { ok: true }>) => ReactNode;
  as?: 'div' | 'p';
  /** Classes before the green box's own, e.g. spacing between its lines. */
  className?: string;
}) {
  return (
    <>
      <FormMessage state={state} />
      {state?.ok && (
        <Tag role="status" className={className ? `${className} ${doneClass}` : doneClass}>
          {done(state as Extract<S, { ok: true }>)}
        </Tag>
      )}
    </>
  );
}

export const buttonClass =
  'rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-sky-700 dark:hover:bg-sky-600';
export const secondaryButtonClass =
  'rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800';

type FormState = { ok: boolean; fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> } | null;

/** Per-field errors and the echoed input of a failed action, for a form's fields. */
export function failedFields(state: FormState) {
  const failed = state && !state.ok ? state : undefined;
  return { errors: failed?.fieldErrors, values: failed?.values };
}

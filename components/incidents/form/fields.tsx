// Controlled inputs for the postmortem form. Each field's id comes from its path
// ("timeline.1.text" -> "f-timeline-1-text"), so errors from the schema land next
// to the right input, announced through aria-describedby.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { describedBy, FieldShell, inputClass } from '@/components/forms/Field';

export type Errors = Record<string, string[] | undefined>;

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function aria(path: string, errors: Errors | undefined, hint: boolean) {
  const id = fieldId(path);
  const has = !!errors?.[path]?.length;
  return { id, 'aria-invalid': has ? true : undefined, 'aria-describedby': describedBy(id, hint, has) } as const;
}

type Common = { path: string; label: string; errors?: Errors; hint?: ReactNode; className?: string; labelHidden?: boolean };

function Shell({ path, label, errors, hint, className, labelHidden, children }: Common & { children: ReactNode }) {
  return (
    <FieldShell
      id={fieldId(path)}
      label={label}
      errors={errors?.[path]}
      hint={hint}
      className={className}
      labelHidden={labelHidden}
    >
      {children}
    </FieldShell>
  );
}

/** A controlled field of value type V whose control takes the attributes A. */
type Controlled<V, A> = Common & { value: V; onValue: (v: V) => void } & Omit<A, 'value' | 'onChange' | 'id'>;

/** Splits a field's props into its shell's, its control's own attributes, and the ids that tie them. */
function split<P extends Common>({ path, label, errors, hint, className, labelHidden, ...control }: P) {
  return { shell: { path, label, errors, hint, className, labelHidden }, control, ids: aria(path, errors, !!hint) };
}

export function TextInput(props: Controlled<string, InputHTMLAttributes<HTMLInputElement>>) {
  const { shell, control, ids } = split(props);
  const { value, onValue, ...rest } = control;
  return (
    <Shell {...shell}>
      <input {...rest} {...ids} value={value} onChange={(e) => onValue(e.target.value)} className={inputClass} />
    </Shell>
  );
}

export function TextArea(props: Controlled<string, TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { shell, control, ids } = split(props);
  const { value, onValue, ...rest } = control;
  return (
    <Shell {...shell}>
      <textarea {...rest} {...ids} value={value} onChange={(e) => onValue(e.target.value)} className={inputClass} />
    </Shell>
  );
}

export function Select<T extends string>(
  props: Controlled<T, SelectHTMLAttributes<HTMLSelectElement>> & { options: readonly { value: T; label: string }[] },
) {
  const { shell, control, ids } = split(props);
  const { value, onValue, options, ...rest } = control;
  return (
    <Shell {...shell}>
      <select {...rest} {...ids} value={value} onChange={(e) => onValue(e.target.value as T)} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** An error that belongs to a whole list ("Add at least one symptom"). */
export function ListError({ path, errors }: { path: string; errors?: Errors }) {
  const messages = errors?.[path];
  if (!messages?.length) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
      {messages.join(' ')}
    </p>
  );
}

export const options = <T extends string>(values: readonly T[], label: (v: T) => string = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));

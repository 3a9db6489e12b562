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

export function TextInput({
  path,
  label,
  errors,
  hint,
  className,
  labelHidden,
  value,
  onValue,
  ...rest
}: Common & { value: string; onValue: (v: string) => void } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange' | 'id'
  >) {
  return (
    <Shell path={path} label={label} errors={errors} hint={hint} className={className} labelHidden={labelHidden}>
      <input
        {...rest}
        {...aria(path, errors, !!hint)}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        className={inputClass}
      />
    </Shell>
  );
}

export function TextArea({
  path,
  label,
  errors,
  hint,
  className,
  labelHidden,
  value,
  onValue,
  ...rest
}: Common & { value: string; onValue: (v: string) => void } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    'value' | 'onChange' | 'id'
  >) {
  return (
    <Shell path={path} label={label} errors={errors} hint={hint} className={className} labelHidden={labelHidden}>
      <textarea
        {...rest}
        {...aria(path, errors, !!hint)}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        className={inputClass}
      />
    </Shell>
  );
}

export function Select<T extends string>({
  path,
  label,
  errors,
  hint,
  className,
  labelHidden,
  value,
  onValue,
  options,
  ...rest
}: Common & { value: T; onValue: (v: T) => void; options: readonly { value: T; label: string }[] } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'value' | 'onChange' | 'id'
  >) {
  return (
    <Shell path={path} label={label} errors={errors} hint={hint} className={className} labelHidden={labelHidden}>
      <select
        {...rest}
        {...aria(path, errors, !!hint)}
        value={value}
        onChange={(e) => onValue(e.target.value as T)}
        className={inputClass}
      >
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

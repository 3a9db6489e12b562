'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormOutcome, inputClass, failedFields } from '@/components/forms/Field';
import { PASSWORD_MIN } from '@/lib/auth/password-limits';
import { ROLES } from '@/lib/auth/roles';
import { createUser } from '@/lib/users/actions';

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUser, null);
  const { errors, values } = failedFields(state);
  // On failure the form re-renders with what was typed (defaultValue from the submitted data).
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" aria-label="Create user">
      <div className="sm:col-span-2">
        <FormOutcome
          state={state}
          done={(created) => (
            <>
              Created {created.email}.
              {created.oneTimePassword && (
                <>
                  {' '}
                  One-time password (shown once, pass it on securely):{' '}
                  <code className="font-mono">{created.oneTimePassword}</code>
                </>
              )}
            </>
          )}
        />
      </div>
      <Field name="email" label="Email" type="email" required errors={errors?.email} defaultValue={values?.email} />
      <Field name="name" label="Name" required errors={errors?.name} defaultValue={values?.name} />
      <Field name="role" label="Role" errors={errors?.role}>
        <select id="field-role" name="role" key={values?.role} defaultValue={values?.role ?? 'viewer'} className={inputClass}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="password"
        label="Password (optional)"
        type="password"
        autoComplete="new-password"
        errors={errors?.password}
        hint={`Leave empty to generate a one-time password. At least ${PASSWORD_MIN} characters.`}
      />
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={pending}>
          Create user
        </button>
      </div>
    </form>
  );
}

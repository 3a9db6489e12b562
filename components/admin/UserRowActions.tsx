'use client';
import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/Field';
import { ROLES, type Role } from '@/lib/auth/roles';
import { changeUserRole, setUserDisabled } from '@/lib/users/actions';

export function UserRowActions({
  userId,
  email,
  role,
  disabled,
}: {
  userId: string;
  email: string;
  role: Role;
  disabled: boolean;
}) {
  const [roleState, roleAction, rolePending] = useActionState(changeUserRole, null);
  const [disableState, disableAction, disablePending] = useActionState(setUserDisabled, null);
  const error = (roleState && !roleState.ok && roleState.error) || (disableState && !disableState.ok && disableState.error);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role of {email}
        </label>
        <select
          id={`role-${userId}`}
          name="role"
          defaultValue={role}
          className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className={secondaryButtonClass} disabled={rolePending} aria-label={`Save role of ${email}`}>
          Save
        </button>
      </form>
      <form action={disableAction}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
        <button type="submit" className={secondaryButtonClass} disabled={disablePending}>
          {disabled ? `Enable ${email}` : `Disable ${email}`}
        </button>
      </form>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

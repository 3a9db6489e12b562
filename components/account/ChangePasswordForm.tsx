'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { buttonClass, Field } from '@/components/forms/Field';
import { authClient } from '@/lib/auth/client';
import { PASSWORD_MIN } from '@/lib/auth/password-limits';

/** Through Better Auth's endpoint, which checks the current password and hashes the new one. */
export function ChangePasswordForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword.length < PASSWORD_MIN) {
      setMessage({ ok: false, text: `The new password needs at least ${PASSWORD_MIN} characters.` });
      return;
    }
    setPending(true);
    const { error } = await authClient.changePassword({
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword,
      revokeOtherSessions: true,
    });
    setPending(false);
    if (error) {
      // The server's password policy explains itself; other refusals get a fixed sentence.
      const text =
        error.status === 429
          ? 'Too many attempts. Wait a minute.'
          : error.code === 'PASSWORD_POLICY' && error.message
            ? error.message
            : 'The current password is wrong.';
      setMessage({ ok: false, text });
      return;
    }
    formEl.reset();
    setMessage({ ok: true, text: 'Password changed. Your other sessions were signed out.' });
    // The session was replaced: re-render the server parts with the new one.
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3" aria-label="Change password">
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className="text-sm sm:col-span-3">
          {message.text}
        </p>
      )}
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <div className="flex items-end">
        <button type="submit" className={buttonClass} disabled={pending}>
          Change password
        </button>
      </div>
    </form>
  );
}

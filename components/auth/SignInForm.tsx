'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { buttonClass, Field, secondaryButtonClass } from '@/components/forms/Field';
import { authClient, signInWithOidc } from '@/lib/auth/client';

export function SignInForm({ next, oidcName }: { next: string; oidcName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    setPending(false);
    if (error) {
      setError(
        error.status === 429
          ? 'Too many attempts. Wait a minute and try again.'
          : 'Wrong email or password, or the account is disabled.',
      );
      return;
    }
    router.push(next);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
        <Field name="email" label="Email" type="email" autoComplete="username" required />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required />
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName && (
        <button type="button" className={secondaryButtonClass} onClick={async () => setError(await signInWithOidc(next))}>
          Sign in with {oidcName}
        </button>
      )}
    </div>
  );
}

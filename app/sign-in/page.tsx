import { redirect } from 'next/navigation';
import { z } from 'zod';
import { SignInForm } from '@/components/auth/SignInForm';
import { getViewer } from '@/lib/auth/session';
import { oidcSettings } from '@/lib/auth/settings';

export const metadata = { title: 'Sign in' };

// Only same-site paths: an open redirect after sign-in is a phishing tool.
const nextSchema = z
  .string()
  .regex(/^\/(?!\/)[^\s\\]*$/)
  .max(500)
  .catch('/');

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = nextSchema.parse((await searchParams).next ?? '/');
  if (await getViewer()) redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-6 py-8">
      <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
      <SignInForm next={next} oidcName={oidcSettings()?.name ?? null} />
    </div>
  );
}

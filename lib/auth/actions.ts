'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { auth } from './auth';

/** A form action (no result to show): signing out ends on the home page either way. */
export async function signOut(): Promise<void> {
  const result = await authorizeAction('viewer', 'auth.sign_out');
  if (result.ok) {
    await auth.api.signOut({ headers: await headers() });
    await audit(result.viewer, { action: 'auth.sign_out', targetType: 'user', targetId: result.viewer.id, outcome: 'success' });
  }
  redirect('/');
}

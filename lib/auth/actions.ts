'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { getAuth } from './auth';

/** A form action (no result to show): it ends on the home page, or on sign-in for a caller with no session. */
export async function signOut(): Promise<void> {
  const result = await authorizeAction('viewer', 'auth.sign_out', { duringPasswordChange: true });
  if (!result.ok) redirect('/sign-in');
  await getAuth().api.signOut({ headers: await headers() });
  await audit(result.viewer, { action: 'auth.sign_out', targetType: 'user', targetId: result.viewer.id, outcome: 'success' });
  redirect('/');
}

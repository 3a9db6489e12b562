'use server';
// Session actions, through lib/actions/pipeline.ts.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { action } from '@/lib/actions/pipeline';
import { audit } from '@/lib/audit/guard';
import { getAuth } from './auth';

/** A form action (no result to show): it ends on the home page, or on sign-in for a caller with no session. */
export const signOut = action({
  name: 'auth.sign_out',
  role: 'viewer',
  duringPasswordChange: true,
  input: 'submit',
  read: () => ({}),
  schema: z.object({}),
  onDenied: () => redirect('/sign-in'),
  handler: async (_data, { viewer }) => {
    await getAuth().api.signOut({ headers: await headers() });
    await audit(viewer, { action: 'auth.sign_out', targetType: 'user', targetId: viewer.id, outcome: 'success' });
    redirect('/');
  },
});

// Who is calling, and may they? Used at the top of every server action, route
// handler and page. A page check never replaces the action's own check.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { findTokenOwner } from '@/lib/tokens/queries';
import { bearerToken } from '@/lib/tokens/token';
import { findSessionUser } from '@/lib/users/queries';
import { getAuth } from './auth';
import { hasRole, type Role } from './roles';
import { anonymousReadEnabled } from './settings';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  via: 'session' | 'token';
  /** Signed in with a one-time password: nothing but changing it (and signing out) until then. */
  mustChangePassword: boolean;
}

/** Where a user with a one-time password is sent, and the only page they may see. */
export const CHANGE_PASSWORD_PAGE = '/account';
const CHANGE_PASSWORD_FIRST = 'Choose your own password first (Your account, Password); the one-time password only allows that.';

const INTEGRATION_ONLY = 'An integration account may only post alerts.';

/** Why a caller was refused; `viewer` is who was refused when they were signed in (for the audit trail). */
export type Denied = { ok: false; error: string; status: 401 | 403; viewer?: Viewer };

/** The signed-in user (session cookie or personal API token), or null. Once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const h = await headers();
  const token = bearerToken(h.get('authorization'));
  if (token) {
    const owner = await findTokenOwner(token);
    return owner ? { ...owner, via: 'token' } : null;
  }
  const session = await getAuth()
    .api.getSession({ headers: h })
    .catch(() => null);
  if (!session) return null;
  // Role and disabled state come from the database on every request, so a
  // demotion or a disabled account takes effect at once.
  const user = await findSessionUser(session.user.id);
  return user ? { ...user, via: 'session' } : null;
});

export const requestId = cache(async () => (await headers()).get('x-request-id'));

/**
 * For server actions and route handlers: the viewer if they hold `role`, else
 * why not. `duringPasswordChange` marks the few things a user who still has a
 * one-time password may do (sign out).
 */
export async function authorize(
  role: Role,
  opts: { duringPasswordChange?: boolean } = {},
): Promise<{ ok: true; viewer: Viewer } | Denied> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, error: 'Sign in to do this.', status: 401 };
  if (viewer.mustChangePassword && !opts.duringPasswordChange)
    return { ok: false, error: CHANGE_PASSWORD_FIRST, status: 403, viewer };
  if (!hasRole(viewer.role, role)) return { ok: false, error: `This needs the ${role} role.`, status: 403, viewer };
  return { ok: true, viewer };
}

/** Reading is open to anonymous visitors only when the setting allows it. */
export async function authorizeRead(): Promise<{ ok: true; viewer: Viewer | null } | Denied> {
  if (!anonymousReadEnabled()) return authorize('viewer');
  const viewer = await getViewer();
  if (viewer?.mustChangePassword) return { ok: false, error: CHANGE_PASSWORD_FIRST, status: 403 };
  // An integration account's token only posts alerts; it is not a reading key, even where anyone may read.
  if (viewer?.role === 'integration') return { ok: false, error: INTEGRATION_ONLY, status: 403, viewer };
  return { ok: true, viewer };
}

/** For route handlers: a JSON error response when denied. */
export function deniedResponse(denied: Denied): Response {
  return Response.json({ error: denied.error }, { status: denied.status });
}

/**
 * For pages: send anonymous visitors to sign in, users with a one-time password
 * to change it, and others without the role to the forbidden page.
 */
export async function requirePageRole(role: Role | 'reader', next: string): Promise<Viewer | null> {
  const viewer = await getViewer();
  if (viewer?.mustChangePassword) {
    if (next !== CHANGE_PASSWORD_PAGE) redirect(CHANGE_PASSWORD_PAGE);
    return viewer;
  }
  const result = role === 'reader' ? await authorizeRead() : await authorize(role);
  if (result.ok) return result.viewer;
  if (result.status === 401) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  redirect('/forbidden');
}

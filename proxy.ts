// Runs before every route: gives each request an id for the audit trail, and
// refuses requests that try known framework tricks before any app code runs.
// Authorization itself happens in each action and route handler, not here.
import { NextResponse, type NextRequest } from 'next/server';
import { handOffForwardedFor } from '@/lib/auth/client-address';

function refuse(status: number, error: string) {
  return NextResponse.json({ error }, { status });
}

/** Origin of a server action call must be this site; a missing or malformed one is refused. */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  return url.host === host && (url.protocol === 'http:' || url.protocol === 'https:');
}

/**
 * Every server action needs a signed-in caller, so a call carrying neither a
 * session cookie nor a bearer token can be answered 401 here. This only looks
 * at presence; each action still checks the session and role itself.
 */
function hasCredentials(request: NextRequest): boolean {
  if (/^Bearer\s+\S+/i.test(request.headers.get('authorization') ?? '')) return true;
  return request.cookies.getAll().some((c) => c.name.endsWith('pmkb.session_token'));
}

export function proxy(request: NextRequest) {
  // Internal header of Next's own middleware recursion; never legitimate from outside.
  if (request.headers.has('x-middleware-subrequest')) return refuse(400, 'Bad request.');
  if (request.method === 'POST' && request.headers.has('next-action')) {
    if (!sameOrigin(request)) return refuse(403, 'Cross-origin form submissions are not allowed.');
    if (!hasCredentials(request)) return refuse(401, 'Sign in to do this.');
  }
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  // Lets the route see the TCP peer in X-Forwarded-For (see lib/auth/client-address.ts).
  handOffForwardedFor(headers);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};

// Runs before every route: refuses requests no route should see (lib/http/request-checks.ts),
// gives each request an id for the audit trail, and puts the security headers
// (lib/http/security-headers.ts) on every response, with a fresh CSP nonce that
// Next reads back from the request and puts on its own scripts.
// Authorization itself happens in each action and route handler, not here.
import { NextResponse, type NextRequest } from 'next/server';
import { handOffForwardedFor } from '@/lib/auth/client-address';
import { refusal } from '@/lib/http/request-checks';
import { newNonce, securityHeaders, servedOverHttps } from '@/lib/http/security-headers';

export function proxy(request: NextRequest) {
  const publicUrl = process.env.BETTER_AUTH_URL;
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https: servedOverHttps(publicUrl), dev: process.env.NODE_ENV === 'development' });

  const refused = refusal(request, { publicUrl });
  const response = refused
    ? new NextResponse(`${refused.message}\n`, {
        status: refused.status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      })
    : next(request, nonce, headers['Content-Security-Policy']!);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function next(request: NextRequest, nonce: string, csp: string) {
  const requestId = crypto.randomUUID();
  const forwarded = new Headers(request.headers);
  forwarded.set('x-request-id', requestId);
  // Next takes the nonce for its scripts from the request's CSP header.
  forwarded.set('content-security-policy', csp);
  // For our own components that render a script tag (none yet), as Next's CSP guide does.
  forwarded.set('x-nonce', nonce);
  // Lets the route see the TCP peer in X-Forwarded-For (see lib/auth/client-address.ts).
  handOffForwardedFor(forwarded);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};

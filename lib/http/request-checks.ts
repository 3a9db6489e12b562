// Refusals the proxy makes before any route runs: requests no page or action
// should see, answered with a 4xx and one sentence instead of reaching code
// that would answer 500. Each check is a pure function of the request.
import type { NextRequest } from 'next/server';

/**
 * Largest body a server action may send: next.config.js
 * experimental.serverActions.bodySizeLimit ('4mb', 4 MiB as Next parses it).
 * A whole postmortem (narrative up to 200,000 characters plus up to 200 rows
 * per list) fits; lib/incidents/form.ts FORM_JSON_MAX stays below it.
 * request-checks.test.ts checks the two agree.
 */
export const ACTION_BODY_MAX_BYTES = 4 * 1024 * 1024;

export interface Refusal {
  status: 400 | 401 | 403 | 411 | 413;
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** JSON routes answer API clients (bearer tokens, no Origin); Better Auth checks its own origins. */
const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * A path whose percent-encoding is not UTF-8 (`/incidents/%FF`) names nothing.
 * Next's dynamic-route matcher throws on it and production answers 500.
 */
export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The hosts this site answers as: the Host (or first X-Forwarded-Host) and the configured public URL. */
function ownHosts(request: NextRequest, publicUrl: string | undefined): string[] {
  const hosts: string[] = [];
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwarded) hosts.push(forwarded.toLowerCase());
  const host = request.headers.get('host');
  if (host) hosts.push(host.toLowerCase());
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host.toLowerCase());
    } catch {
      // A malformed setting adds nothing; startup reports it elsewhere.
    }
  }
  return hosts;
}

/** The request says it comes from a page of this site. A missing, `null` or malformed Origin does not. */
export function sameOrigin(request: NextRequest, publicUrl?: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return ownHosts(request, publicUrl).includes(url.host.toLowerCase());
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

/**
 * A server action call: with JavaScript, a POST with a Next-Action header; without
 * (a progressively enhanced form), a multipart or urlencoded POST whose
 * `$ACTION_ID_…`/`$ACTION_REF_…` fields only Next reads, after the proxy.
 */
export function mayBeServerAction(request: NextRequest): boolean {
  if (request.method !== 'POST') return false;
  if (request.headers.has('next-action')) return true;
  const type = request.headers.get('content-type') ?? '';
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
}

/** Why the proxy refuses this request, or null to let it through. */
export function refusal(request: NextRequest, opts: { publicUrl?: string } = {}): Refusal | null {
  // Internal header of Next's own middleware recursion; never legitimate from outside.
  if (request.headers.has('x-middleware-subrequest')) return { status: 400, message: 'Bad request.' };
  if (!decodablePath(request.nextUrl.pathname))
    return { status: 400, message: 'This address is not valid: its percent-encoding is broken.' };
  if (SAFE_METHODS.has(request.method) || isApi(request.nextUrl.pathname)) return null;

  // Any other method on a page is a server action, with or without JavaScript:
  // the same Origin check for both (Next's own lets a missing Origin through).
  if (!sameOrigin(request, opts.publicUrl)) return { status: 403, message: 'Cross-origin form submissions are not allowed.' };
  const length = request.headers.get('content-length');
  if (length === null && request.body !== null) {
    // A chunked body could not be measured here, and Next answers 500 past its limit.
    return { status: 411, message: 'Send the form with a Content-Length.' };
  }
  if (Number(length) > ACTION_BODY_MAX_BYTES) {
    return {
      status: 413,
      message: `The form is larger than ${ACTION_BODY_MAX_BYTES / 1024 / 1024} MB and was not sent. Shorten it and try again.`,
    };
  }
  if (mayBeServerAction(request) && !hasCredentials(request)) return { status: 401, message: 'Sign in to do this.' };
  return null;
}

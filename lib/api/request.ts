// Pure checks on an API request, kept apart from the route helper so they are
// unit-tested without a database: where a cookie write comes from, and the
// path parameters of an operation's template.
import type { NextRequest } from 'next/server';
import type { Viewer } from '@/lib/auth/session';
import { sameOrigin } from '@/lib/http/request-checks';
import type { Method } from './operation';

const WRITES = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isWrite = (method: string) => WRITES.has(method as Method);

/**
 * A browser sends the session cookie with any request to this site, also one
 * another site's page makes: a write carried by the cookie alone must say it
 * comes from one of our pages. A bearer token is never sent by a browser on
 * its own, so token writes need no Origin (scripts send none).
 */
export function crossSiteCookieWrite(request: NextRequest, viewer: Viewer | null): boolean {
  if (!viewer || viewer.via !== 'session' || !isWrite(request.method)) return false;
  return !sameOrigin(request, process.env.BETTER_AUTH_URL);
}

/** The path parameters of `template` ('/api/v1/incidents/{slug}') in `pathname`, or null when it does not match. */
export function pathParams(template: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}/?$`).exec(pathname);
  if (!match) return null;
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  } catch {
    return null;
  }
}

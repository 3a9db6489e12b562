// Better Auth's HTTP endpoints (sign-in, sign-out, session, OIDC callback).
// Their own checks apply: origin validation, rate limits, disabled accounts.
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';

export async function GET(request: Request): Promise<Response> {
  return toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request): Promise<Response> {
  return toNextJsHandler(getAuth()).POST(request);
}

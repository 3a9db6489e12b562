// Better Auth's HTTP endpoints (sign-in, sign-out, session, password change,
// OIDC callback), through handleAuthRequest: an allow-list of endpoints and the
// client address that rate limits key on. Better Auth's own checks still apply.
import { getAuth } from '@/lib/auth/auth';
import { handleAuthRequest } from '@/lib/auth/handler';

export async function GET(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}

export async function POST(request: Request): Promise<Response> {
  return handleAuthRequest(getAuth(), request);
}

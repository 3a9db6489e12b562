// Better Auth's HTTP endpoints (sign-in, sign-out, session, OIDC callback).
// Their own checks apply: origin validation, rate limits, disabled accounts.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth/auth';

export const { GET, POST } = toNextJsHandler(auth);

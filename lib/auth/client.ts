'use client';
// Browser side of Better Auth: sign-in goes through its HTTP endpoint so the
// rate limiter and origin checks see every attempt.
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();

/** Starts the OpenID Connect flow (generic OAuth plugin's endpoint) and follows its redirect. */
export async function signInWithOidc(callbackURL: string): Promise<string | null> {
  const { data, error } = await authClient.$fetch<{ url?: string }>('/sign-in/oauth2', {
    method: 'POST',
    body: { providerId: 'oidc', callbackURL },
  });
  if (error || !data?.url) return 'Single sign-on is not available right now.';
  window.location.assign(data.url);
  return null;
}

// Authentication settings from the environment, validated once.
import { z } from 'zod';

type Env = Record<string, string | undefined>;

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const oidcSchema = z.object({
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('Single sign-on'),
  OIDC_SCOPES: z.string().default('openid email profile'),
});

export interface OidcSettings {
  providerId: 'oidc';
  name: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/**
 * Anonymous reading: explicit ANONYMOUS_READ wins; otherwise on for the
 * embedded demo (so a new user can browse at once) and off on a real database.
 */
export function anonymousReadEnabled(env: Env = process.env): boolean {
  const parsed = flag.safeParse(env.ANONYMOUS_READ?.toLowerCase());
  if (parsed.success) return parsed.data;
  return env.PMKB_EMBEDDED_DB === '1';
}

/** The OpenID Connect provider, when all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
export function oidcSettings(env: Env = process.env): OidcSettings | null {
  if (!env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) return null;
  const parsed = oidcSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`OIDC settings: ${issue.path.join('.')}: ${issue.message}`);
  }
  const o = parsed.data;
  return {
    providerId: 'oidc',
    name: o.OIDC_PROVIDER_NAME,
    discoveryUrl: `${o.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: o.OIDC_CLIENT_ID,
    clientSecret: o.OIDC_CLIENT_SECRET,
    scopes: o.OIDC_SCOPES.split(/\s+/).filter(Boolean),
  };
}

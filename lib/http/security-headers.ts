// The security headers every response carries. proxy.ts sets them per request
// (the CSP holds a fresh nonce, HSTS depends on the public URL at run time);
// next.config.js repeats the fixed ones for the static files the proxy skips.
// See docs/decisions/015-one-action-pipeline-and-request-guards.md.

/** The same on every response, whatever the deployment. */
export const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Old browsers ignore CSP frame-ancestors; this says the same to them.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Nothing in the app uses these; a script that got in cannot either.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
};

/** A year, the value HSTS preload lists ask for; only sent when the public URL is https. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

export interface PolicyOptions {
  /** Fresh per request; Next reads it back from the request's CSP header and puts it on its own scripts. */
  nonce: string;
  /** `next dev` needs eval for React's debugging aids. */
  dev?: boolean;
  /** The site is served over https: ask browsers to upgrade any http sub-request. */
  https?: boolean;
}

/**
 * Scripts run only with this request's nonce, and what they load ('strict-dynamic':
 * Next's chunks are added at run time). Styles allow inline because React sets
 * style attributes, which nonces cannot cover. Images may come from anywhere a
 * narrative links to: an image cannot run code.
 */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', 'http:', 'https:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ...(https ? ([['upgrade-insecure-requests']] as [string][]) : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** True when the configured public URL (BETTER_AUTH_URL) is https. */
export function servedOverHttps(publicUrl: string | undefined): boolean {
  return /^https:\/\//i.test(publicUrl?.trim() ?? '');
}

/** A nonce: 128 random bits, base64 (what CSP and Next's nonce parser accept). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Every security header for one response. */
export function securityHeaders(opts: PolicyOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(opts),
    ...FIXED_SECURITY_HEADERS,
    ...(opts.https ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  };
}

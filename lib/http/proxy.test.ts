// proxy.ts with constructed requests: what is refused (and how), and the
// headers every response carries. No server runs.
import type { NextConfig } from 'next';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { ACTION_BODY_MAX_BYTES } from './request-checks';
import { FIXED_SECURITY_HEADERS } from './security-headers';

// A plain JS file without types: imported by path, typed here.
const CONFIG_PATH = '../../next.config.js';
const nextConfig = ((await import(/* @vite-ignore */ CONFIG_PATH)) as { default: NextConfig }).default;

const SITE = 'http://127.0.0.1:3100';
const originalUrl = process.env.BETTER_AUTH_URL;
afterEach(() => {
  process.env.BETTER_AUTH_URL = originalUrl;
});

function req(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const headers = { host: '127.0.0.1:3100', ...init.headers };
  if (init.body !== undefined && !('content-length' in headers))
    Object.assign(headers, { 'content-length': String(Buffer.byteLength(init.body)) });
  return new NextRequest(`${SITE}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
}

/** A progressively enhanced form post, as a browser without JavaScript sends it: no Next-Action header. */
const NO_JS_BOUNDARY = '----pmkb';
const noJsForm = [
  `--${NO_JS_BOUNDARY}\r\nContent-Disposition: form-data; name="$ACTION_ID_0123456789abcdef"\r\n\r\n\r\n`,
  `--${NO_JS_BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\nnew@example.com\r\n`,
  `--${NO_JS_BOUNDARY}--\r\n`,
].join('');
const noJs = (headers: Record<string, string>) =>
  req('/admin/users', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${NO_JS_BOUNDARY}`, ...headers },
    body: noJsForm,
  });

const passes = (res: Response) => res.headers.get('x-middleware-next') === '1';

describe('server action calls without JavaScript get the same Origin check', () => {
  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['no origin', {}],
    ['a null origin (sandboxed frame)', { origin: 'null' }],
    ['a malformed origin', { origin: 'not a url' }],
  ])('refuses %s with 403 and a sentence', async (_name, headers) => {
    const res = proxy(noJs({ cookie: 'pmkb.session_token=abc', ...headers }));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Cross-origin form submissions are not allowed/);
  });

  it('refuses a urlencoded post from another site too', () => {
    const res = proxy(
      req('/account', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: '$ACTION_REF_1=&name=x',
      }),
    );
    expect(res.status).toBe(403);
  });

  it('lets a same-origin one through, by Host or by the configured public URL', () => {
    expect(passes(proxy(noJs({ origin: SITE, cookie: 'pmkb.session_token=abc' })))).toBe(true);
    process.env.BETTER_AUTH_URL = 'https://kb.example.org';
    expect(passes(proxy(noJs({ origin: 'https://kb.example.org', cookie: '__Secure-pmkb.session_token=abc' })))).toBe(true);
  });

  it('answers a same-origin one without credentials 401, as with JavaScript', async () => {
    const res = proxy(noJs({ origin: SITE }));
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Sign in to do this.');
  });

  it('keeps refusing JavaScript calls from elsewhere', () => {
    expect(
      proxy(
        req('/incidents/new', { method: 'POST', headers: { 'next-action': 'abc', origin: 'https://evil.example' }, body: '[]' }),
      ).status,
    ).toBe(403);
  });

  it('leaves JSON routes to their own checks (API clients send no Origin)', () => {
    expect(
      passes(
        proxy(req('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })),
      ),
    ).toBe(true);
  });
});

describe('bodies over the action limit', () => {
  it('get 413 with a sentence, before Next reads them', async () => {
    const res = proxy(
      noJs({ origin: SITE, cookie: 'pmkb.session_token=abc', 'content-length': String(ACTION_BODY_MAX_BYTES + 1) }),
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/larger than 4 MB/);
  });

  it('a body of unknown length (chunked) gets 411: it could not be measured', () => {
    const chunked = new NextRequest(`${SITE}/admin/users`, {
      method: 'POST',
      headers: { host: '127.0.0.1:3100', origin: SITE, 'next-action': 'abc', 'content-type': 'text/plain' },
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('[]')), c.close()) }),
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1]);
    expect(proxy(chunked).status).toBe(411);
  });

  it('uses the same limit as next.config.js', () => {
    const limit = nextConfig.experimental?.serverActions?.bodySizeLimit;
    expect(limit).toBe('4mb');
    // Next parses it with the `bytes` package: 1 MB = 1024 * 1024.
    expect(ACTION_BODY_MAX_BYTES).toBe(4 * 1024 * 1024);
  });
});

describe('malformed percent-encoding in a path', () => {
  it.each(['/incidents/%FF', '/runbooks/%E0%A4%A', '/incidents/%', '/api/incidents/%C3%28/export'])(
    '%s answers 400, not 500',
    async (path) => {
      const res = proxy(req(path));
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/percent-encoding/);
    },
  );

  it('well-formed encodings pass', () => {
    expect(passes(proxy(req('/incidents/%C3%A9t%C3%A9')))).toBe(true);
    expect(passes(proxy(req('/search?q=%25')))).toBe(true);
  });
});

describe('headers on every response', () => {
  it('a page gets the CSP with a fresh nonce, handed to Next on the request', () => {
    const first = proxy(req('/'));
    const second = proxy(req('/'));
    const csp = first.headers.get('content-security-policy')!;
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "'strict-dynamic'",
    ]) {
      expect(csp).toContain(directive);
    }
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    // NextResponse.next({ request: { headers } }) passes request headers as x-middleware-request-*.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
  });

  it('refusals carry them too', () => {
    const res = proxy(req('/incidents/%FF'));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it.each(Object.entries(FIXED_SECURITY_HEADERS))('%s', (name, value) => {
    expect(proxy(req('/incidents')).headers.get(name)).toBe(value);
  });

  it('HSTS only when the public URL is https', () => {
    process.env.BETTER_AUTH_URL = 'http://127.0.0.1:3100';
    expect(proxy(req('/')).headers.get('strict-transport-security')).toBeNull();
    process.env.BETTER_AUTH_URL = 'https://kb.example.org';
    const res = proxy(req('/'));
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('next.config.js gives the static files the same fixed headers', async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === '/:path*')!;
    expect(Object.fromEntries(all.headers.map((h) => [h.key, h.value]))).toEqual(FIXED_SECURITY_HEADERS);
  });
});

describe('still refused', () => {
  it('the internal middleware recursion header', () => {
    expect(proxy(req('/', { headers: { 'x-middleware-subrequest': 'middleware:middleware' } })).status).toBe(400);
  });
});

// Rendered pages for anonymous readers, kept for a moment (docs/decisions/018,
// "Anonymous page responses").
//
// After the read cache, a page view costs almost nothing but React rendering
// it (about 10 ms of CPU for an incident page), and every anonymous reader gets
// the same page: the only per-request parts of the response are the CSP nonce
// (proxy.ts, decision 015) and the request id. So the HTML of an anonymous view
// is kept with its nonce as a placeholder, and the next anonymous view of the
// same URL gets it with a fresh nonce in every place the old one stood (the CSP
// header, the Link preload header, each script tag) and a fresh request id.
//
// Only what is the same for every anonymous reader is kept: a GET of a reading
// page with no cookie (so no session, not even a stale one), no Authorization
// header, and none of Next's client-navigation headers (whose responses are
// RSC payloads, not HTML). Only 200 text/html responses that set no cookie are
// kept. Signed-in viewers never touch this cache, in either direction.
//
// Hooked into Node's HTTP server (as lib/metrics/request-context.ts is) because
// a response must be captured whole, which neither proxy.ts nor a page can do.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { newNonce } from '@/lib/http/security-headers';
import { currentRequest } from '@/lib/metrics/request-context';
import { cached } from './tagged';
import { CACHE_TAGS } from './tags';

/**
 * How long a kept page may be served. Writes to incidents, runbooks and checks
 * drop pages at once (the read cache's tags); this bounds what has no tag: the
 * check runs listed on an incident page, live data a running check changes.
 */
export const PAGE_TTL_MS = 2_000;
/** A page larger than this is not kept (the largest incident page is ~110 KB; this is a guard). */
export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
/** Longer URLs (long filter sets on /incidents) are rendered every time rather than fill the cache. */
export const PAGE_URL_MAX = 512;

/** The reading pages: home, the lists, one incident, one runbook (not the author pages under /incidents). */
const READING_PAGE = /^\/(?:(?:incidents|runbooks)(?:\/(?!(?:new|import)$)[a-z0-9]+(?:-[a-z0-9]+)*)?)?$/;

/**
 * Headers that make a response depend on who asks or make it something else
 * than a full HTML page: credentials, Next's client navigation and server
 * actions, and Next's internal subrequest header (which proxy.ts refuses).
 */
const PERSONAL_OR_PARTIAL = [
  'authorization',
  'cookie',
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
  'x-middleware-subrequest',
];

/** Response headers that are per connection or per response, never replayed. */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id']);

/** The cache key of an anonymous view of a reading page, or null if this request must be rendered for itself. */
export function anonymousPageKey(
  req: Pick<http.IncomingMessage, 'method' | 'url' | 'headers'>,
  env: Record<string, string | undefined> = process.env,
): string | null {
  // Off in `next dev`, where an edit must show on the next reload.
  if (env.PMKB_PAGE_CACHE === 'off' || env.NODE_ENV === 'development') return null;
  if (req.method !== 'GET' || !req.url || req.url.length > PAGE_URL_MAX) return null;
  if (PERSONAL_OR_PARTIAL.some((h) => req.headers[h] !== undefined)) return null;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!READING_PAGE.test(path)) return null;
  if (q >= 0 && /(?:^|[?&])_rsc=/.test(req.url.slice(q))) return null;
  // The Host is part of the key: should a page ever print it, one Host's page is never served for another.
  return `page:${req.headers.host ?? ''}|${req.url}`;
}

/** The route pattern of a reading page, for the request metrics (Next's span is not there on a hit). */
export function routeOf(path: string): string {
  if (path.startsWith('/incidents/')) return '/incidents/[slug]';
  if (path.startsWith('/runbooks/')) return '/runbooks/[slug]';
  return path;
}

/** A kept response: header values and body split where the nonce stood. */
export interface KeptPage {
  headers: [string, string[]][];
  body: string[];
}

/** The nonce of a CSP header value, or null. */
export function nonceOf(csp: string): string | null {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? null;
}

/** Builds a kept page from a finished response, or null if it must not be kept. */
export function keepable(status: number, headers: http.OutgoingHttpHeaders, body: string): KeptPage | null {
  if (status !== 200 || headers['set-cookie'] !== undefined || headers['content-encoding'] !== undefined) return null;
  if (!String(headers['content-type'] ?? '').startsWith('text/html')) return null;
  const nonce = nonceOf(String(headers['content-security-policy'] ?? ''));
  if (!nonce || !body.includes(nonce)) return null;
  const kept: [string, string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    // Multi-valued headers are joined; none of the page's own (CSP, Link, Vary, Cache-Control) is a set-cookie.
    kept.push([name, String(Array.isArray(value) ? value.join(', ') : value).split(nonce)]);
  }
  return { headers: kept, body: body.split(nonce) };
}

/** The kept page as one response, with `nonce` everywhere the old one stood. */
export function replay(page: KeptPage, nonce: string): { headers: [string, string][]; body: Buffer } {
  return { headers: page.headers.map(([n, parts]) => [n, parts.join(nonce)]), body: Buffer.from(page.body.join(nonce), 'utf8') };
}

/** Lets Next answer the request while keeping a copy of what it writes; resolves with the page if it can be kept. */
function capture(res: http.ServerResponse, handOn: () => void): Promise<KeptPage> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > PAGE_MAX_BYTES) return;
      const buf =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;
    res.once('finish', () => {
      const page =
        size <= PAGE_MAX_BYTES ? keepable(res.statusCode, res.getHeaders(), Buffer.concat(chunks).toString('utf8')) : null;
      if (page) resolve(page);
      else reject(new Error('not kept'));
    });
    res.once('close', () => reject(new Error('not kept')));
    handOn();
  });
}

function serve(res: http.ServerResponse, page: KeptPage): void {
  const { headers, body } = replay(page, newNonce());
  res.statusCode = 200;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader('x-request-id', randomUUID());
  res.setHeader('content-length', body.length);
  res.end(body);
}

const INSTALLED = Symbol.for('pmkb.anonymousPages');

/** Once per process, before lib/metrics/request-context.ts installs its hook (so that one stays outermost). */
export function installAnonymousPageCache(): void {
  const g = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const req = args[0] as http.IncomingMessage;
    const res = args[1] as http.ServerResponse;
    const key = anonymousPageKey(req);
    if (!key) return emit.call(this, event, ...args);
    let rendering = false;
    const page = cached(
      key,
      CACHE_TAGS,
      () => {
        rendering = true;
        // Uncompressed, so the nonce can be found and replaced in what is kept.
        delete req.headers['accept-encoding'];
        return capture(res, () => emit.call(this, event, ...args));
      },
      { ttlMs: PAGE_TTL_MS },
    );
    if (rendering) {
      page.catch(() => {}); // not keepable: Next has answered it as usual
      return true;
    }
    page.then(
      (kept) => {
        const ctx = currentRequest();
        if (ctx) ctx.route = routeOf(req.url!.split('?')[0]!);
        serve(res, kept);
      },
      // The render this request waited for could not be kept (a 404, a redirect): render it for itself.
      () => emit.call(this, event, ...args),
    );
    return true;
  };
}

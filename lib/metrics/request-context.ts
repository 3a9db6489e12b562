// Per-request context kept from the moment Node's HTTP server receives a
// request until its response ends: the peer's socket address (the only
// client address a caller cannot forge: Next keeps any X-Forwarded-For a
// client sends), the route pattern Next matched, and the timing that feeds
// the request-duration histogram and the access log.
//
// `next start` owns the HTTP server, so the hook wraps http.Server's `emit`
// for 'request' events once per process (from instrumentation.ts). Nothing
// else about the request is touched.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { log } from '@/lib/log';
import { metrics } from './registry';

export interface RequestContext {
  peer: string | undefined;
  method: string;
  path: string;
  started: bigint;
  /** Route pattern from Next's request span, e.g. /incidents/[slug]. */
  route?: string;
  /** Next request spans still open; the request is done when none are and the response has ended. */
  openSpans: number;
  responded: boolean;
  done: boolean;
  res: http.ServerResponse;
}

interface Hooks {
  als: AsyncLocalStorage<RequestContext>;
  installed: boolean;
}

const KEY = Symbol.for('pmkb.requestContext');
const store = globalThis as unknown as Record<symbol, Hooks | undefined>;
const hooks = (): Hooks => (store[KEY] ??= { als: new AsyncLocalStorage(), installed: false });

export function currentRequest(): RequestContext | undefined {
  return hooks().als.getStore();
}

/** The socket address of the current request's peer, or undefined outside an instrumented request. */
export function peerAddress(): string | undefined {
  return currentRequest()?.peer;
}

/** Label for requests Next served without a route span (static files, refused by proxy.ts). */
export function fallbackRoute(path: string): string {
  return path.startsWith('/_next/static/') ? '/_next/static' : 'other';
}

export function finishIfDone(ctx: RequestContext): void {
  if (ctx.done || !ctx.responded || ctx.openSpans > 0) return;
  ctx.done = true;
  const seconds = Number(process.hrtime.bigint() - ctx.started) / 1e9;
  const route = ctx.route ?? fallbackRoute(ctx.path);
  const status = ctx.res.statusCode;
  metrics().httpDuration.observe({ method: ctx.method, route, status: String(status) }, seconds);
  const requestId = ctx.res.getHeader('x-request-id');
  // Path only: query strings can carry what people searched for.
  const line = { requestId, method: ctx.method, path: ctx.path, route, status, durationMs: Math.round(seconds * 1000) };
  if (route === '/_next/static') log.debug(line, 'request');
  else log.info(line, 'request');
}

export function installRequestHooks(): void {
  const h = hooks();
  if (h.installed) return;
  h.installed = true;
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const req = args[0] as http.IncomingMessage;
    const res = args[1] as http.ServerResponse;
    const ctx: RequestContext = {
      peer: req.socket?.remoteAddress,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      started: process.hrtime.bigint(),
      openSpans: 0,
      responded: false,
      done: false,
      res,
    };
    const ended = () => {
      ctx.responded = true;
      finishIfDone(ctx);
    };
    res.once('finish', ended);
    res.once('close', ended);
    return h.als.run(ctx, () => emit.call(this, event, ...args));
  };
}

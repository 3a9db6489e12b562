// Which route a request matched, from Next's own OpenTelemetry spans.
//
// Next 16 wraps every request in a `BaseServer.handleRequest` span and, once
// it has matched a page or route handler, sets `next.route` on it (the
// pattern, e.g. /incidents/[slug], so labels stay few). Next only creates
// spans when a tracer provider is registered, so this registers the smallest
// one that works: spans that keep their attributes, an AsyncLocalStorage
// context manager (Next reads the root span's attributes through the active
// context), and no exporter. The route is handed to the request context in
// ./request-context.ts, which times the request and logs it.
//
// If a real OpenTelemetry SDK is added later, register it instead and read
// `http.route` from its spans; setGlobalTracerProvider refuses a second one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type ContextManager,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { currentRequest, finishIfDone, type RequestContext } from './request-context';

const REQUEST_SPAN = 'BaseServer.handleRequest';

class AsyncContextManager implements ContextManager {
  private readonly als = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.als.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.als.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...a: unknown[]) => unknown;
    const als = this.als;
    return function (this: unknown, ...a: unknown[]) {
      return als.run(ctx, () => fn.apply(this, a));
    } as unknown as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.als.disable();
    return this;
  }
}

let spanCounter = 0;

/** A span that only remembers what a request span needs; everything else is a no-op. */
class RouteSpan implements Span {
  private readonly ctx: SpanContext;
  private readonly attributes: Attributes;
  private readonly request: RequestContext | undefined;
  private ended = false;
  constructor(attributes: Attributes | undefined, traceId: string) {
    this.attributes = { ...attributes };
    this.ctx = { traceId, spanId: (++spanCounter).toString(16).padStart(16, '0'), traceFlags: TraceFlags.NONE };
    // Only request spans are tied to the request's timing.
    this.request = this.attributes['next.span_type'] === REQUEST_SPAN ? currentRequest() : undefined;
    if (this.request) this.request.openSpans++;
  }
  spanContext(): SpanContext {
    return this.ctx;
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(_status: SpanStatus): this {
    return this;
  }
  updateName(): this {
    return this;
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const req = this.request;
    if (!req) return;
    const route = this.attributes['next.route'] ?? this.attributes['http.route'];
    if (typeof route === 'string' && route) req.route = route;
    req.openSpans--;
    finishIfDone(req);
  }
  isRecording(): boolean {
    return true;
  }
  recordException(): void {}
}

class RouteTracer implements Tracer {
  startSpan(_name: string, options?: SpanOptions, ctx?: Context): Span {
    const parent = trace.getSpan(ctx ?? context.active());
    const traceId = parent?.spanContext().traceId ?? randomUUID().replaceAll('-', '');
    return new RouteSpan(options?.attributes, traceId);
  }
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest.pop() as F;
    const [options, ctx] = rest as [SpanOptions | undefined, Context | undefined];
    const parentCtx = ctx ?? context.active();
    const span = this.startSpan(name, options, parentCtx);
    return context.with(trace.setSpan(parentCtx, span), fn as (s: Span) => ReturnType<F>, undefined, span);
  }
}

class RouteTracerProvider implements TracerProvider {
  private readonly tracer = new RouteTracer();
  getTracer(): Tracer {
    return this.tracer;
  }
}

/** Registers the provider and context manager once per process; false if another provider was there first. */
export function installRouteTiming(): boolean {
  const contextOk = context.setGlobalContextManager(new AsyncContextManager());
  const traceOk = trace.setGlobalTracerProvider(new RouteTracerProvider());
  return contextOk && traceOk;
}

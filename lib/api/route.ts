// Builds a JSON API route handler from an operation (./operation.ts), in the
// order of the action pipeline (lib/actions/pipeline.ts):
//   who is calling and may they (a refused write is audited with the actor)
//   -> a cookie-authenticated write must come from this site (Origin)
//   -> path parameters, query and body parsed with the operation's zod schemas
//   -> the handler -> one JSON answer.
// Errors are `{ error, issues? }` with a 4xx (./errors.ts). Anything a handler
// throws that is not an ApiError is logged with the request id and answered
// with a generic sentence, never a stack trace.
import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { authorizeAction } from '@/lib/audit/guard';
import type { Role } from '@/lib/auth/roles';
import { authorizeRead, requestId, type Viewer } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { readJsonBody } from './body';
import { ApiError, errorResponse, invalidInput, issuesOf } from './errors';
import { apiWritesPerMinute } from './limits';
import { API_WRITE_WINDOW_SECONDS, countApiWrite } from './mutations';
import type { Access, Operation } from './operation';
import { crossSiteCookieWrite, isWrite, pathParams } from './request';

export interface ApiContext<A extends Access, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  request: NextRequest;
  /** The caller; null only for a reading operation when anonymous reading is on. */
  viewer: A extends Role ? Viewer : Viewer | null;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(issuesOf(parsed.error, where));
  return parsed.data;
}

type Handler<A extends Access, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = (
  ctx: ApiContext<A, P, Q, B>,
) => Promise<Response>;

/**
 * The route handler of `op`. It reads the path parameters from the URL, so it
 * needs nothing but the request (tests and the role matrix call it that way).
 */
export function apiRoute<A extends Access, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<A, P, Q, B>,
  handler: Handler<A, P, Q, B>,
): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    try {
      const auth =
        op.access === 'public'
          ? ({ ok: true, viewer: null } as const)
          : op.access === 'reader'
            ? await authorizeRead()
            : await authorizeAction(op.access as Role, op.id);
      if (!auth.ok) return errorResponse(auth.status, { error: auth.error });
      if (crossSiteCookieWrite(request, auth.viewer)) {
        return errorResponse(403, { error: 'A write with a session cookie must come from a page of this site (Origin).' });
      }
      if (auth.viewer && isWrite(request.method) && (await countApiWrite(auth.viewer.id)) > apiWritesPerMinute()) {
        return errorResponse(
          429,
          { error: `At most ${apiWritesPerMinute()} writes a minute per user; try again shortly.` },
          { 'Retry-After': String(API_WRITE_WINDOW_SECONDS) },
        );
      }
      const params = parse(op.params, pathParams(op.path, request.nextUrl.pathname) ?? {}, 'path');
      const query = parse(op.query, Object.fromEntries(request.nextUrl.searchParams), 'query');
      const body = parse(op.body, op.body ? await readJsonBody(request) : undefined, 'body');
      const response = await handler({ request, viewer: auth.viewer as ApiContext<A, P, Q, B>['viewer'], params, query, body });
      if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
      return response;
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err.status, { error: err.message, ...err.extra });
      const id = await requestId().catch(() => null);
      (await requestLog()).error({ err, operation: op.id }, 'API request failed');
      // A read that fails here is the database being away; a write may have been refused by it.
      return errorResponse(op.method === 'GET' ? 503 : 500, {
        error: `${op.method === 'GET' ? 'Unavailable, try again shortly.' : 'Something went wrong; nothing was saved.'} (request id ${id ?? 'unknown'})`,
      });
    }
  };
}

/** A JSON answer; `status` 200 unless given. */
export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json(data, { status: init.status ?? 200, headers: { 'Cache-Control': 'no-store', ...init.headers } });
}

// The JSON API's one error shape, `{ error, issues?: [{ path, message }] }`, and
// the exception a handler throws to answer with it. Anything else a handler
// throws is unexpected: lib/api/route.ts logs it and answers a generic message.
import type { z } from 'zod';

export type ApiIssue = { path: string; message: string };
export type ApiErrorBody = { error: string; issues?: ApiIssue[] } & Record<string, unknown>;

/** The statuses the API answers with on purpose (see docs/decisions/025-json-api-v1.md). */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 428 | 429;

export class ApiError extends Error {
  constructor(
    readonly status: ApiErrorStatus,
    message: string,
    /** More fields of the body: `issues`, or the current `version` of a 412. */
    readonly extra: Omit<ApiErrorBody, 'error'> = {},
  ) {
    super(message);
  }
}

/** zod issues as `{ path, message }`, the path dotted ("timeline.0.text") and prefixed by where it was read. */
export function issuesOf(error: z.ZodError, where?: string): ApiIssue[] {
  const at = (path: readonly PropertyKey[]) => [...(where ? [where] : []), ...path.map(String)].join('.') || '(root)';
  // An unknown field or parameter is named itself, one issue each, not only its parent.
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: `Unknown field "${key}".` }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

/** A 400 from a failed parse, or from field errors a write reported after parsing. */
export function invalidInput(issues: ApiIssue[], message = 'The request is not valid; see issues.'): ApiError {
  return new ApiError(400, message, { issues });
}

/** Field errors keyed by dotted path (lib/actions/result.ts) as API issues. */
export function issuesFromFieldErrors(fieldErrors: Record<string, string[] | undefined>): ApiIssue[] {
  return Object.entries(fieldErrors).flatMap(([path, messages]) => (messages ?? []).map((message) => ({ path, message })));
}

export function errorResponse(status: number, body: ApiErrorBody, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

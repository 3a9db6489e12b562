// One JSON API operation as data: its method and path, who may call it and the
// zod schemas of its path parameters, query, body and responses. The route
// handler (lib/api/route.ts) parses with these schemas and the OpenAPI
// document (lib/api/openapi.ts) is generated from the same ones, so the two
// cannot drift apart. No server-only imports: tests and the document load it.
import type { z } from 'zod';
import type { Role } from '@/lib/auth/roles';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * 'reader': whoever may read the pages (anonymous visitors only when anonymous reading is on).
 * 'public': anyone, always (the API's own description).
 */
export type Access = Role | 'reader' | 'public';

/** Refusals an operation answers beyond the ones every operation may (400, 401, 403, 429, 5xx). */
export type OperationErrors = Partial<Record<404 | 409 | 412 | 413 | 428, string>>;

export interface Operation<
  A extends Access = Access,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  /** The OpenAPI operationId and the audit action name of its refusals, e.g. 'incident.create'. */
  id: string;
  method: Method;
  /** OpenAPI path template, e.g. '/api/v1/incidents/{slug}'. */
  path: `/api/v1/${string}`;
  tag: string;
  summary: string;
  description?: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers the operation reads, for the document. */
  headers?: { name: string; required: boolean; description: string }[];
  /** Successful answers; the error answers are the same for every operation and added by the document. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  errors?: OperationErrors;
}

/** Keeps the literal types of an operation so the route handler's context is typed from it. */
export function operation<A extends Access, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<A, P, Q, B>,
): Operation<A, P, Q, B> {
  return op;
}

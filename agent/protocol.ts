// The agent's wire protocol, shared with the app (pure: no node: imports).
import { z } from 'zod';
import { PARAM_NAME } from './argv';

export const CHECK_SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Bounds of a request's own timeout: below 100 ms nothing useful runs, above 2 min a person gives up. */
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 120_000;
/** A run request is a slug and a few short parameters; anything bigger is not one. */
export const MAX_BODY_BYTES = 16 * 1024;
export const NDJSON = 'application/x-ndjson';
/** 256 bits of hex or ~190 bits of base64: below that an HMAC key is guessable offline. */
export const MIN_SECRET_LENGTH = 32;

// Unknown top-level fields are dropped, not refused, so a newer app can talk to an older agent.
export const RunRequest = z.object({
  check: z.string().regex(CHECK_SLUG, 'check must be a slug'),
  params: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).optional(),
  runId: z.string().max(64).optional(),
});
export type RunRequest = z.input<typeof RunRequest>;
export type ParsedRunRequest = z.output<typeof RunRequest>;

export const ParamSpecSchema = z.strictObject({
  name: z.string().regex(PARAM_NAME, 'parameter names are lower-case identifiers'),
  pattern: z.string().min(1),
  description: z.string().optional(),
  example: z.string().optional(),
});

const StartedEvent = z.object({ type: z.literal('started'), pid: z.number(), at: z.string() });
const StdoutEvent = z.object({ type: z.literal('stdout'), data: z.string() });
const StderrEvent = z.object({ type: z.literal('stderr'), data: z.string() });
const ExitEvent = z.object({
  type: z.literal('exit'),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  durationMs: z.number(),
  stdoutBytes: z.number(),
  stderrBytes: z.number(),
  stdoutTruncated: z.boolean(),
  stderrTruncated: z.boolean(),
});
const ErrorEvent = z.object({ type: z.literal('error'), message: z.string() });

export const AgentEvent = z.discriminatedUnion('type', [StartedEvent, StdoutEvent, StderrEvent, ExitEvent, ErrorEvent]);
export type AgentEvent = z.infer<typeof AgentEvent>;
export type ExitEvent = z.infer<typeof ExitEvent>;

export const ERROR_STATUS = {
  bad_signature: 401,
  stale_timestamp: 401,
  replay: 401,
  unknown_check: 404,
  not_allowed: 403,
  bad_parameter: 400,
  bad_request: 400,
  too_large: 413,
  busy: 429,
  not_found: 404,
  method_not_allowed: 405,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthBody = z.object({
  ok: z.literal(true),
  name: z.string(),
  version: z.string(),
  running: z.number(),
  maxConcurrent: z.number(),
});
export type HealthBody = z.infer<typeof HealthBody>;

export const CheckInfo = z.object({
  slug: z.string(),
  title: z.string().optional(),
  argv: z.array(z.string()),
  params: z.array(ParamSpecSchema),
  timeoutMs: z.number(),
});
export type CheckInfo = z.infer<typeof CheckInfo>;
export const ChecksBody = z.object({ name: z.string(), checks: z.array(CheckInfo) });
export type ChecksBody = z.infer<typeof ChecksBody>;

/** The routes the server answers; the OpenAPI test checks each is documented. */
export const ROUTES = [
  { method: 'GET', path: '/v1/health' },
  { method: 'GET', path: '/v1/checks' },
  { method: 'POST', path: '/v1/runs' },
] as const;

// The app's side of the agent protocol. Every fault ends as an outcome with a sentence a
// person understands; nothing here throws for network trouble.
import type { z } from 'zod';
import { AgentEvent, ChecksBody, ErrorBody, HealthBody, NDJSON, type RunRequest } from '@/agent/protocol';
import { signRequest } from '@/agent/signing';
import { defaultEgressPolicy, type EgressPolicy } from './address';
import { FORBIDDEN_ADDRESS, ForbiddenAddressError, agentRequest } from './egress';
import { LineTooLongError, NdjsonLines } from './ndjson';
import { safeIdentifier, shortReason } from './reason';

/** Default client-side cap per stream: what a page can show and a database row should hold. */
export const DEFAULT_CLIENT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** One agent line is one pipe read (64 KiB) JSON-escaped at worst 6x; far beyond that is not an agent. */
const MAX_LINE_CHARS = 4 * 1024 * 1024;
/** Error bodies are a small JSON object; more than this is not worth reading. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

type Output = { stdout: string; stderr: string; stdoutTruncated: boolean; stderrTruncated: boolean };
export type AgentErrorCode =
  | 'unreachable'
  | 'refused'
  | 'timeout'
  | 'http_error'
  | 'bad_response'
  | 'rejected'
  | 'auth'
  | 'busy'
  | 'spawn_failed'
  | 'aborted'
  | 'redirect'
  | 'forbidden_address';
export type AgentRunOutcome =
  | ({ kind: 'exited'; exitCode: number | null; signal: string | null; timedOut: boolean; durationMs: number } & Output)
  | ({ kind: 'error'; code: AgentErrorCode; message: string; status?: number; field?: string } & Output);

export type RunOnAgentOptions = {
  baseUrl: string;
  secret: string;
  request: RunRequest;
  /** Overall wall-clock budget: connecting, waiting and the whole stream. */
  deadlineMs: number;
  signal?: AbortSignal;
  /** Client-side cap per stream; the agent has its own. */
  maxOutputBytes?: number;
  /** Sees every event as kept: output beyond the cap is not passed on. */
  onEvent?: (event: AgentEvent) => void;
  hostLabel?: string;
  /** Which addresses may be called; default from AGENT_ALLOW_LOOPBACK. */
  policy?: EgressPolicy;
};

export type CallOptions = {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  signal?: AbortSignal;
  hostLabel?: string;
  policy?: EgressPolicy;
};
export type AgentCallResult<T> = { ok: true; data: T } | { ok: false; code: AgentErrorCode; message: string; status?: number };

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const NOT_PROTOCOL = 'answered with something that is not the agent protocol';

function hostOf(opts: { baseUrl: string; hostLabel?: string }): string {
  if (opts.hostLabel) return opts.hostLabel;
  try {
    return new URL(opts.baseUrl).host;
  } catch {
    return opts.baseUrl;
  }
}

function endpoint(baseUrl: string, path: string): URL {
  return new URL(baseUrl.replace(/\/+$/, '') + path);
}

type Deadline = { controller: AbortController; timedOut(): boolean; cancelled(): boolean; dispose(): void };

/** One AbortController for the whole call: the deadline and the caller's signal both abort it. */
function startDeadline(ms: number, signal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let cancelled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onAbort = (): void => {
    cancelled = true;
    controller.abort();
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    controller,
    timedOut: () => timedOut,
    cancelled: () => cancelled && !timedOut,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      controller.abort();
    },
  };
}

function errnoOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A fetch or read failure as code + sentence. `answered` tells whether headers had arrived. */
function networkFailure(
  error: unknown,
  deadline: Deadline,
  host: string,
  budgetMs: number,
  answered: boolean,
): { code: AgentErrorCode; message: string } {
  if (deadline.timedOut()) {
    return answered
      ? {
          code: 'timeout',
          message: `The agent at host ${host} did not finish within ${seconds(budgetMs)}; the output so far is kept`,
        }
      : { code: 'timeout', message: `The agent at host ${host} did not answer within ${seconds(budgetMs)}` };
  }
  if (deadline.cancelled()) return { code: 'aborted', message: `The request to the agent at host ${host} was cancelled` };
  const refused = forbiddenIn(error);
  if (refused)
    return { code: 'forbidden_address', message: `The agent address of host ${host} is not called: ${refused.reason}` };
  return failureForErrno(errnoOf(error), host, answered);
}

function forbiddenIn(error: unknown): ForbiddenAddressError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof ForbiddenAddressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Exported for tests: a sandbox may intercept unroutable addresses, so each errno is checked directly. */
export function failureForErrno(
  errno: string | undefined,
  host: string,
  answered: boolean,
): { code: AgentErrorCode; message: string } {
  switch (errno) {
    case FORBIDDEN_ADDRESS:
      return {
        code: 'forbidden_address',
        message: `The agent address of host ${host} is not called: it is link-local, metadata, reserved or loopback`,
      };
    case 'ECONNREFUSED':
      return { code: 'refused', message: `The agent at host ${host} refused the connection: it is probably not running` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'unreachable', message: `The agent host ${host} could not be found (DNS lookup failed)` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { code: 'unreachable', message: `The agent host ${host} could not be reached over the network` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return answered
        ? { code: 'bad_response', message: `The agent at host ${host} dropped the connection before the check finished` }
        : { code: 'bad_response', message: `The agent at host ${host} closed the connection without answering` };
    default:
      return answered
        ? { code: 'bad_response', message: `The connection to the agent at host ${host} broke before the check finished` }
        : {
            code: 'unreachable',
            message: `The agent at host ${host} could not be contacted (${safeIdentifier(errno) ?? 'connection failed'})`,
          };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  void reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** What the app says for each error code of the agent protocol: its own words, never the agent's. */
const REJECTION_SENTENCES: Record<string, string> = {
  bad_parameter: 'refused a parameter',
  bad_request: 'refused the request as malformed',
  unknown_check: "does not allow this check (add it to the agent's config)",
  too_large: 'refused the request as too large',
  not_found: 'does not know this endpoint (is it an agent of this version?)',
  method_not_allowed: 'does not accept this method (is it an agent of this version?)',
};

/**
 * Non-200 answers become a sentence of the app's own, from the status and the
 * protocol's error code (and a parameter name, when it is a plain identifier).
 * The body itself is never copied into what is stored and shown.
 */
async function httpFailure(
  response: Response,
  host: string,
): Promise<{ code: AgentErrorCode; message: string; status: number; field?: string }> {
  const status = response.status;
  if (status >= 300 && status < 400) {
    // Never followed: a redirect could point the signed request anywhere, metadata services included.
    void response.body?.cancel().catch(() => {});
    return {
      code: 'redirect',
      status,
      message: `The agent at host ${host} answered with a redirect (HTTP ${status}), which is not followed: check the agent URL`,
    };
  }
  const text = await readCapped(response, MAX_ERROR_BODY_BYTES);
  let parsed: ErrorBody | undefined;
  try {
    const result = ErrorBody.safeParse(JSON.parse(text));
    if (result.success) parsed = result.data;
  } catch {
    // not JSON: handled below by status
  }
  if (status === 401)
    return { code: 'auth', status, message: `The agent at host ${host} rejected the app's signature: check the host's secret` };
  if (status === 429)
    return { code: 'busy', status, message: `The agent at host ${host} is busy running other checks; try again in a moment` };
  if (status >= 500) return { code: 'http_error', status, message: `The agent at host ${host} failed with HTTP ${status}` };
  if (parsed) {
    const field = safeIdentifier(parsed.error.field);
    const sentence = REJECTION_SENTENCES[parsed.error.code] ?? `refused the request (HTTP ${status})`;
    const detail = field ? `: ${field}` : '';
    return {
      code: 'rejected',
      status,
      message: shortReason(`The agent at host ${host} ${sentence}${detail}`),
      ...(field ? { field } : {}),
    };
  }
  return { code: 'http_error', status, message: `The agent at host ${host} answered HTTP ${status} without an explanation` };
}

/** Keeps at most `cap` bytes of one stream; later data is counted as dropped. */
class OutputBuffer {
  text = '';
  bytes = 0;
  truncated = false;
  constructor(private readonly cap: number) {}

  /** The part of data that was kept ('' once the cap is reached). */
  add(data: string): string {
    if (this.truncated) return '';
    const size = Buffer.byteLength(data);
    if (this.bytes + size <= this.cap) {
      this.bytes += size;
      this.text += data;
      return data;
    }
    this.truncated = true;
    const kept = Buffer.from(data)
      .subarray(0, this.cap - this.bytes)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    this.bytes += Buffer.byteLength(kept);
    this.text += kept;
    return kept;
  }
}

const KNOWN_EVENTS = new Set(['started', 'stdout', 'stderr', 'exit', 'error']);

/** null: not the protocol. 'unknown': a well-formed event of a later protocol version, skipped. */
function parseEvent(line: string): AgentEvent | 'unknown' | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && /^[a-z][a-z_-]{0,31}$/.test(type) && !KNOWN_EVENTS.has(type)) return 'unknown';
  const parsed = AgentEvent.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export async function runOnAgent(opts: RunOnAgentOptions): Promise<AgentRunOutcome> {
  const host = hostOf(opts);
  const cap = opts.maxOutputBytes ?? DEFAULT_CLIENT_MAX_OUTPUT_BYTES;
  const stdout = new OutputBuffer(cap);
  const stderr = new OutputBuffer(cap);
  const output = (): Output => ({
    stdout: stdout.text,
    stderr: stderr.text,
    stdoutTruncated: stdout.truncated,
    stderrTruncated: stderr.truncated,
  });
  const fail = (failure: { code: AgentErrorCode; message: string; status?: number; field?: string }): AgentRunOutcome => ({
    kind: 'error',
    ...failure,
    ...output(),
  });

  const notify = (event: AgentEvent): void => {
    try {
      opts.onEvent?.(event);
    } catch {
      // A failing listener (say, a closed UI stream) must not turn the run into a network fault.
    }
  };

  let url: URL;
  try {
    url = endpoint(opts.baseUrl, '/v1/runs');
  } catch {
    return fail({ code: 'unreachable', message: `The agent address for host ${host} is not a valid URL` });
  }
  const body = JSON.stringify(opts.request);
  const deadline = startDeadline(opts.deadlineMs, opts.signal);
  let answered = false;
  try {
    const response = await agentRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secret: opts.secret, method: 'POST', path: url.pathname + url.search, body }),
        },
        body,
        signal: deadline.controller.signal,
      },
      opts.policy ?? defaultEgressPolicy(),
    );
    answered = true;
    if (response.status !== 200) return fail(await httpFailure(response, host));
    if (!response.headers.get('content-type')?.startsWith(NDJSON) || !response.body) {
      return fail({ code: 'bad_response', status: 200, message: `The agent at host ${host} ${NOT_PROTOCOL}` });
    }
    const reader = response.body.getReader();
    const lines = new NdjsonLines(MAX_LINE_CHARS);
    for (;;) {
      const { done, value } = await reader.read();
      for (const line of done ? lines.end() : lines.push(value)) {
        const event = parseEvent(line);
        if (event === 'unknown') continue;
        if (!event) return fail({ code: 'bad_response', message: `The agent at host ${host} ${NOT_PROTOCOL}` });
        if (event.type === 'stdout' || event.type === 'stderr') {
          const kept = (event.type === 'stdout' ? stdout : stderr).add(event.data);
          if (kept) notify({ type: event.type, data: kept });
          continue;
        }
        notify(event);
        if (event.type === 'error') {
          // The agent's own sentence about its host (command not found, ...), one short line.
          return fail({
            code: 'spawn_failed',
            message: shortReason(`The check could not start on host ${host}: ${event.message}`),
          });
        }
        if (event.type === 'exit') {
          return {
            kind: 'exited',
            exitCode: event.exitCode,
            signal: event.signal,
            timedOut: event.timedOut,
            durationMs: event.durationMs,
            ...output(),
            stdoutTruncated: stdout.truncated || event.stdoutTruncated,
            stderrTruncated: stderr.truncated || event.stderrTruncated,
          };
        }
      }
      if (done)
        return fail({ code: 'bad_response', message: `The agent at host ${host} ended its answer before the check finished` });
    }
  } catch (error) {
    if (error instanceof LineTooLongError)
      return fail({ code: 'bad_response', message: `The agent at host ${host} ${NOT_PROTOCOL}` });
    return fail(networkFailure(error, deadline, host, opts.deadlineMs, answered));
  } finally {
    deadline.dispose();
  }
}

async function agentGet<T>(opts: CallOptions, path: string, schema: z.ZodType<T>): Promise<AgentCallResult<T>> {
  const host = hostOf(opts);
  let url: URL;
  try {
    url = endpoint(opts.baseUrl, path);
  } catch {
    return { ok: false, code: 'unreachable', message: `The agent address for host ${host} is not a valid URL` };
  }
  const deadline = startDeadline(opts.timeoutMs, opts.signal);
  let answered = false;
  try {
    const response = await agentRequest(
      url,
      {
        method: 'GET',
        headers: signRequest({ secret: opts.secret, method: 'GET', path: url.pathname + url.search, body: '' }),
        signal: deadline.controller.signal,
      },
      opts.policy ?? defaultEgressPolicy(),
    );
    answered = true;
    if (response.status !== 200) {
      const { code, message, status } = await httpFailure(response, host);
      return { ok: false, code, message, status };
    }
    const text = await readCapped(response, MAX_LINE_CHARS);
    let data: T;
    try {
      data = schema.parse(JSON.parse(text));
    } catch {
      return { ok: false, code: 'bad_response', message: `The agent at host ${host} ${NOT_PROTOCOL}` };
    }
    return { ok: true, data };
  } catch (error) {
    return { ok: false, ...networkFailure(error, deadline, host, opts.timeoutMs, answered) };
  } finally {
    deadline.dispose();
  }
}

export function agentHealth(opts: CallOptions): Promise<AgentCallResult<HealthBody>> {
  return agentGet(opts, '/v1/health', HealthBody);
}

export function listAgentChecks(opts: CallOptions): Promise<AgentCallResult<ChecksBody>> {
  return agentGet(opts, '/v1/checks', ChecksBody);
}

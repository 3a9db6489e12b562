// The app's side of the agent protocol. Every fault ends as an outcome with a sentence a
// person understands (the mapping is ./errors.ts); nothing here throws for network trouble.
import type { z } from 'zod';
import { AgentEvent, ChecksBody, HealthBody, NDJSON, type RunRequest } from '@/agent/protocol';
import { signRequest } from '@/agent/signing';
import { defaultEgressPolicy, type EgressPolicy } from './address';
import { agentRequest } from './egress';
import { httpFailure, networkFailure, readCapped, type AgentErrorCode, type DeadlineState } from './errors';
import { LineTooLongError, NdjsonLines } from './ndjson';
import { shortReason } from './reason';

/** Default client-side cap per stream: what a page can show and a database row should hold. */
export const DEFAULT_CLIENT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** One agent line is one pipe read (64 KiB) JSON-escaped at worst 6x; far beyond that is not an agent. */
const MAX_LINE_CHARS = 4 * 1024 * 1024;

export type { AgentErrorCode } from './errors';

type Output = { stdout: string; stderr: string; stdoutTruncated: boolean; stderrTruncated: boolean };
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

type Deadline = DeadlineState & { controller: AbortController; dispose(): void };

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

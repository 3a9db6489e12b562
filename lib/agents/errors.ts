// How an agent call's faults become an error code and a sentence a person understands:
// network failures by errno, non-200 answers by status and the protocol's error code.
// The sentences are the app's own, never text copied from the agent (./reason.ts).
import { ErrorBody } from '@/agent/protocol';
import { FORBIDDEN_ADDRESS, ForbiddenAddressError } from './egress';
import { safeIdentifier, shortReason } from './reason';

/** Error bodies are a small JSON object; more than this is not worth reading. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

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

export type AgentFailure = { code: AgentErrorCode; message: string };

/** What networkFailure asks of the call's deadline (client.ts). */
export type DeadlineState = { timedOut(): boolean; cancelled(): boolean };

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

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
export function networkFailure(
  error: unknown,
  deadline: DeadlineState,
  host: string,
  budgetMs: number,
  answered: boolean,
): AgentFailure {
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
export function failureForErrno(errno: string | undefined, host: string, answered: boolean): AgentFailure {
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

/** At most maxBytes of a body, as text; the rest is not read. Also reads the health and checks answers. */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
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
  not_allowed: "refused: the action changes the host and the agent's own config does not allow it (allowChanging)",
  too_large: 'refused the request as too large',
  not_found: 'does not know this endpoint (is it an agent of this version?)',
  method_not_allowed: 'does not accept this method (is it an agent of this version?)',
};

/**
 * Non-200 answers become a sentence of the app's own, from the status and the
 * protocol's error code (and a parameter name, when it is a plain identifier).
 * The body itself is never copied into what is stored and shown.
 */
export async function httpFailure(response: Response, host: string): Promise<AgentFailure & { status: number; field?: string }> {
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

// The agent's HTTP service: signed requests only, allow-listed checks only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { expandArgv } from './argv';
import type { AgentConfig, CheckConfig } from './config';
import { readBody, sendError, sendJson } from './http-util';
import { MAX_BODY_BYTES, NDJSON, ROUTES, RunRequest, type AgentEvent, type ChecksBody, type HealthBody } from './protocol';
import { runProcess, type RunHandle } from './run-process';
import { NonceCache, verifyRequest } from './signing';

export const AGENT_VERSION = '1.0.0';
/** A request (headers and body) that takes longer than this to arrive is a slow-loris, not a client. */
const REQUEST_RECEIVE_TIMEOUT_MS = 10_000;
/** runId goes into the access log only when it cannot forge or split a log line. */
const LOGGABLE_RUN_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type AgentServer = Server & {
  /** Processes running right now. */
  running(): number;
  /** Ends every running process group and waits for their exit events. */
  stopRuns(): Promise<void>;
};
export type AgentServerOptions = { log?: (line: string) => void };

type Access = { method: string; path: string; started: number; status?: number; check?: string; note?: string; outcome?: string };

export function createAgentServer(config: AgentConfig, options: AgentServerOptions = {}): AgentServer {
  const log = options.log ?? ((line: string) => console.log(line));
  const nonces = new NonceCache();
  const checks = new Map(config.checks.map((check) => [check.slug, check]));
  const runs = new Set<{ handle: RunHandle }>();
  let reserved = 0;

  const writeAccess = (access: Access): void => {
    const parts = [
      new Date(access.started).toISOString(),
      access.method,
      access.path,
      String(access.status ?? '-'),
      access.check ? `check=${access.check}` : '',
      `${Date.now() - access.started}ms`,
      access.note ?? '',
      access.outcome ?? '',
    ];
    log(parts.filter(Boolean).join(' '));
  };

  async function handle(req: IncomingMessage, res: ServerResponse, access: Access): Promise<void> {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';
    const read = await readBody(req, MAX_BODY_BYTES);
    if (!read.ok) {
      // The rest of an oversized body is never read; the connection cannot be reused.
      res.once('finish', () => req.destroy());
      return sendError(res, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`, {
        headers: { connection: 'close' },
      });
    }
    const verified = verifyRequest({
      secret: config.secret,
      method: access.method,
      path: url,
      body: read.body,
      headers: req.headers,
      nonces,
    });
    if (!verified.ok) return sendError(res, verified.code, verified.message);

    const route = ROUTES.find((r) => r.path === pathname);
    if (!route) return sendError(res, 'not_found', `no such endpoint: ${pathname}`);
    if (route.method !== access.method) {
      return sendError(res, 'method_not_allowed', `${pathname} accepts ${route.method} only`, {
        headers: { allow: route.method },
      });
    }
    if (pathname === '/v1/health') {
      const body: HealthBody = {
        ok: true,
        name: config.name,
        version: AGENT_VERSION,
        running: reserved,
        maxConcurrent: config.maxConcurrent,
      };
      return sendJson(res, 200, body);
    }
    if (pathname === '/v1/checks') {
      const body: ChecksBody = {
        name: config.name,
        checks: config.checks.map(({ slug, title, argv, params, timeoutMs }) => ({
          slug,
          ...(title ? { title } : {}),
          argv,
          params,
          timeoutMs,
        })),
      };
      return sendJson(res, 200, body);
    }
    return run(res, read.body, access);
  }

  async function run(res: ServerResponse, body: string, access: Access): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendError(res, 'bad_request', 'request body is not JSON');
    }
    const parsed = RunRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const [top, name] = issue?.path ?? [];
      // A non-text parameter value is a parameter problem, named like any other.
      if (top === 'params' && typeof name === 'string')
        return sendError(res, 'bad_parameter', `${name} must be text`, { field: name });
      const field = issue?.path.join('.') || undefined;
      return sendError(res, 'bad_request', issue ? `${field ?? 'body'}: ${issue.message}` : 'invalid run request', { field });
    }
    const request = parsed.data;
    access.check = request.check;
    if (request.runId && LOGGABLE_RUN_ID.test(request.runId)) access.note = `run=${request.runId}`;
    const check = checks.get(request.check);
    if (!check) return sendError(res, 'unknown_check', `this agent does not allow a check named ${request.check}`);
    if (check.changesHost && !config.allowChanging.includes(check.slug)) {
      return sendError(
        res,
        'not_allowed',
        `${request.check} changes the host and ${config.name}'s own config does not allow it (add it to allowChanging)`,
      );
    }
    // The agent's own specs decide; whatever the app believes about the check is irrelevant here.
    const expanded = expandArgv(check.argv, check.params, request.params);
    if (!expanded.ok) {
      const [field, message] = Object.entries(expanded.errors)[0] ?? ['params', 'invalid parameters'];
      return sendError(res, 'bad_parameter', message, { field });
    }
    if (reserved >= config.maxConcurrent) {
      return sendError(res, 'busy', `${config.maxConcurrent} checks are already running on ${config.name}`, {
        headers: { 'retry-after': '1' },
      });
    }
    reserved++;
    try {
      await stream(res, expanded.argv, effectiveTimeout(check, request.timeoutMs), access);
    } finally {
      reserved--;
    }
  }

  function effectiveTimeout(check: CheckConfig, requested: number | undefined): number {
    return Math.min(requested ?? check.timeoutMs, check.timeoutMs, config.maxTimeoutMs);
  }

  async function stream(res: ServerResponse, argv: string[], timeoutMs: number, access: Access): Promise<void> {
    res.writeHead(200, { 'content-type': NDJSON, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.flushHeaders();
    access.status = 200;
    const emit = (event: AgentEvent): void => {
      if (event.type === 'exit') access.outcome = `exit=${event.exitCode ?? event.signal}${event.timedOut ? ' timed-out' : ''}`;
      if (event.type === 'error') access.outcome = 'spawn-failed';
      if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(event)}\n`);
    };
    const entry = { handle: runProcess(argv, { timeoutMs, maxOutputBytes: config.maxOutputBytes, emit }) };
    runs.add(entry);
    const onGone = (): void => {
      if (!res.writableFinished) {
        access.outcome = 'client-gone';
        entry.handle.kill();
      }
    };
    res.once('close', onGone);
    try {
      await entry.handle.done;
    } finally {
      runs.delete(entry);
      res.off('close', onGone);
      res.end();
    }
  }

  const server = createServer((req, res) => {
    const access: Access = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] ?? '/', started: Date.now() };
    res.once('finish', () => writeAccess({ ...access, status: access.status ?? res.statusCode }));
    res.once('close', () => {
      if (!res.writableFinished)
        writeAccess({ ...access, status: access.status ?? res.statusCode, outcome: access.outcome ?? 'aborted' });
    });
    handle(req, res, access).catch((error: unknown) => {
      log(`internal error: ${(error as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  });
  server.requestTimeout = REQUEST_RECEIVE_TIMEOUT_MS;
  server.headersTimeout = REQUEST_RECEIVE_TIMEOUT_MS;

  return Object.assign(server, {
    running: () => reserved,
    stopRuns: async () => {
      const pending = [...runs];
      for (const entry of pending) entry.handle.kill();
      await Promise.all(pending.map((entry) => entry.handle.done));
    },
  });
}

// An in-process agent on a loopback port, and raw signed requests to it, for tests.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseConfig, type AgentConfigInput } from '../../agent/config';
import type { AgentEvent } from '../../agent/protocol';
import { createAgentServer, type AgentServer } from '../../agent/server';
import { signRequest } from '../../agent/signing';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';

export type InProcessAgent = { url: string; server: AgentServer; log: string[]; close(): Promise<void> };

export async function startInProcessAgent(
  config: Omit<AgentConfigInput, 'secret' | 'name'> & { name?: string; secret?: string },
): Promise<InProcessAgent> {
  const log: string[] = [];
  const server = createAgentServer(parseConfig({ name: 'test-agent', secret: TEST_SECRET, ...config }), {
    log: (line) => log.push(line),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    log,
    close: async () => {
      await server.stopRuns();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SignedFetchOptions = {
  method?: string;
  body?: string;
  secret?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

export function signedFetch(baseUrl: string, path: string, options: SignedFetchOptions = {}): Promise<Response> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const body = options.body ?? '';
  const headers = { ...signRequest({ secret: options.secret ?? TEST_SECRET, method, path, body }), ...options.headers };
  return fetch(baseUrl + path, { method, headers, body: method === 'GET' ? undefined : body, signal: options.signal });
}

export type TimedEvent = AgentEvent & { receivedAt: number };

/** Reads an NDJSON run answer to its end, noting when each event arrived. */
export async function readEvents(response: Response, onEvent?: (event: TimedEvent) => void): Promise<TimedEvent[]> {
  const events: TimedEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const event = { ...(JSON.parse(line) as AgentEvent), receivedAt: Date.now() };
      events.push(event);
      onEvent?.(event);
    }
    if (done) return events;
  }
}

export function runBody(check: string, params: Record<string, string> = {}, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ check, params, ...extra });
}

/** A process is gone when kill(0) fails or it is a zombie waiting for a reaper. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

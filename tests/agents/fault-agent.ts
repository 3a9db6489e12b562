// Misbehaving stand-ins for an agent, for tests of the client and of the app's bridge.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AgentConfigInput } from '../../agent/config';
import { parseConfig } from '../../agent/config';
import { createAgentServer } from '../../agent/server';

export type FaultMode =
  | 'hang'
  | 'headers-then-hang'
  | 'trickle'
  | 'http500'
  | 'non-json'
  | 'huge'
  | 'wrong-secret'
  | 'slow-close'
  | 'no-exit'
  | 'reset'
  | 'future-event'
  | 'malformed-event';

export type FaultAgent = { url: string; close(): Promise<void> };
export type FaultAgentOptions = {
  /** huge: how many bytes of stdout to send (default 10 MB). */
  hugeBytes?: number;
  /** trickle: milliseconds between lines (default 500). */
  trickleMs?: number;
  /** wrong-secret: the secret the agent really has; the test signs with another. */
  secret?: string;
};

/** The 10 MB of the fault list. Faults other than wrong-secret ignore signatures: they misbehave whoever calls. */
const TEN_MB = 10 * 1024 * 1024;
/** Size of one huge-mode event: one pipe read on a real agent. */
const HUGE_CHUNK = 64 * 1024;

const line = (event: object): string => `${JSON.stringify(event)}\n`;
const started = (): string => line({ type: 'started', pid: 4242, at: new Date().toISOString() });
const exit = (stdoutBytes: number, stdoutTruncated = false): string =>
  line({
    type: 'exit',
    exitCode: 0,
    signal: null,
    timedOut: false,
    durationMs: 1,
    stdoutBytes,
    stderrBytes: 0,
    stdoutTruncated,
    stderrTruncated: false,
  });
const ndjsonHead = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  res.flushHeaders();
};

function handlerFor(mode: Exclude<FaultMode, 'wrong-secret'>, options: FaultAgentOptions, timers: Set<NodeJS.Timeout>) {
  /** Repeats fn until the response closes (or the fault agent does). */
  const every = (res: ServerResponse, ms: number, fn: () => void): void => {
    const timer = setInterval(fn, ms);
    timers.add(timer);
    res.once('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    switch (mode) {
      case 'hang':
        return; // never answers
      case 'headers-then-hang':
        ndjsonHead(res);
        res.write(started());
        return;
      case 'trickle': {
        ndjsonHead(res);
        res.write(started());
        let n = 0;
        every(res, options.trickleMs ?? 500, () => res.write(line({ type: 'stdout', data: `line ${++n}\n` })));
        return;
      }
      case 'http500':
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      case 'non-json':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>\n');
        return;
      case 'huge': {
        ndjsonHead(res);
        res.write(started());
        const total = options.hugeBytes ?? TEN_MB;
        const data = 'x'.repeat(HUGE_CHUNK - 1) + '\n';
        let sent = 0;
        const pump = (): void => {
          while (sent < total) {
            sent += data.length;
            if (!res.write(line({ type: 'stdout', data }))) {
              res.once('drain', pump);
              return;
            }
          }
          res.end(exit(sent));
        };
        res.once('close', () => res.off('drain', pump));
        pump();
        return;
      }
      case 'slow-close':
        // A complete answer whose connection then lingers: the client must stop at exit.
        ndjsonHead(res);
        res.write(started() + line({ type: 'stdout', data: 'ok\n' }) + exit(3));
        return;
      case 'no-exit':
        ndjsonHead(res);
        res.end(started() + line({ type: 'stdout', data: 'partial\n' }));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'future-event':
        // A later protocol version may add event types; clients skip what they do not know.
        ndjsonHead(res);
        res.end(started() + line({ type: 'progress', percent: 50 }) + line({ type: 'stdout', data: 'ok\n' }) + exit(3));
        return;
      case 'malformed-event':
        ndjsonHead(res);
        res.end(started() + line({ type: 'stdout', data: 42 }) + exit(2));
        return;
    }
  };
}

const WRONG_SECRET_CONFIG: AgentConfigInput = {
  name: 'wrong-secret',
  secret: 'the-agent-has-a-different-secret-than-the-app',
  checks: [{ slug: 'echo', argv: ['echo', 'hi'], timeoutMs: 5_000 }],
};

export async function startFaultAgent(mode: FaultMode, options: FaultAgentOptions = {}): Promise<FaultAgent> {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const server =
    mode === 'wrong-secret'
      ? createAgentServer(parseConfig({ ...WRONG_SECRET_CONFIG, ...(options.secret ? { secret: options.secret } : {}) }), {
          log: () => {},
        })
      : createServer(handlerFor(mode, options, timers));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

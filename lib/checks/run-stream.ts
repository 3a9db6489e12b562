// The live event stream of one launch (GET /api/v1/check-runs/{batchId}/events):
// Server-Sent Events fed by the process's one LISTEN connection
// (run-listener.ts). On each notification of the batch the stream reads what
// changed in one statement and sends it:
//   event: snapshot  {runs: RunView[]} once, output left out (it follows as patches)
//   event: run       RunPatch: status fields and only the output added since the last event
//   event: done      {} when every run has finished; then the stream ends
// and a comment line every HEARTBEAT_MS so proxies keep the connection open.
import type { OutputCursor, RunChange } from './queries';
import type { RunListener } from './run-listener';
import type { RunPatch } from './run-patch';
import { isFinished, type RunView } from './types';

/** Keeps idle connections open through proxies that drop silent ones (often at 30-60 s). */
export const HEARTBEAT_MS = 15_000;
/** While the listener is reconnecting, a stream re-reads this often instead of waiting for notifications. */
export const RESYNC_MS = 2_000;
/** Open streams one process serves: each costs a read per notification of its batch; past this, 503 and the page polls. */
export const MAX_STREAMS_PER_PROCESS = 500;

const g = globalThis as unknown as { pmkbOpenRunStreams?: number };
export const openStreams = () => g.pmkbOpenRunStreams ?? 0;

export type RunStreamDeps = {
  listener: Pick<RunListener, 'subscribe' | 'ready' | 'live'>;
  readSnapshot: (batchId: string) => Promise<RunView[]>;
  readChanges: (batchId: string, cursor: OutputCursor, finished: string[]) => Promise<RunChange[]>;
  onError?: (err: unknown) => void;
};

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** Null when this process already serves MAX_STREAMS_PER_PROCESS streams. */
export function runEventStream(batchId: string, signal: AbortSignal, deps: RunStreamDeps): ReadableStream<Uint8Array> | null {
  if (openStreams() >= MAX_STREAMS_PER_PROCESS) return null;
  g.pmkbOpenRunStreams = openStreams() + 1;

  const cursor: OutputCursor = new Map();
  const finished = new Set<string>();
  const lastSent = new Map<string, string>();
  let total = 0;
  let closed = false;
  let reading = false;
  let again = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    g.pmkbOpenRunStreams = Math.max(0, openStreams() - 1);
    unsubscribe();
    for (const t of timers) clearInterval(t);
    signal.removeEventListener('abort', onAbort);
  };
  const close = () => {
    if (closed) return;
    cleanup();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  const onAbort = () => close();
  const send = (chunk: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(chunk);
    } catch {
      cleanup(); // the client went away between our check and the write
    }
  };

  const toPatch = (c: RunChange): RunPatch => ({
    id: c.id,
    status: c.status,
    exitCode: c.exitCode,
    verdict: c.verdict,
    message: c.message,
    durationMs: c.durationMs,
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    stdoutTruncated: c.stdoutTruncated,
    stderrTruncated: c.stderrTruncated,
    stdoutFrom: c.stdoutFrom,
    stdout: c.stdout,
    stderrFrom: c.stderrFrom,
    stderr: c.stderr,
  });

  /** One read of what changed; notifications arriving meanwhile fold into one more read. */
  const read = async () => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const changes = await deps.readChanges(batchId, cursor, [...finished]);
        for (const c of changes) {
          const patch = toPatch(c);
          const { stdout, stderr, stdoutFrom, stderrFrom, ...fields } = patch;
          const key = JSON.stringify(fields);
          const before = cursor.get(c.id);
          // New output, or output restarted from 0 (the final write replaced the live one).
          const newOutput =
            stdout.length > 0 ||
            stderr.length > 0 ||
            (stdoutFrom === 0 && (before?.stdout ?? 0) > 0) ||
            (stderrFrom === 0 && (before?.stderr ?? 0) > 0);
          if (newOutput || lastSent.get(c.id) !== key) send(frame('run', patch));
          lastSent.set(c.id, key);
          cursor.set(c.id, { stdout: c.stdoutLength, stderr: c.stderrLength });
          if (isFinished(c.status)) {
            finished.add(c.id);
            cursor.delete(c.id);
            lastSent.delete(c.id);
          }
        }
        if (finished.size >= total) {
          send(frame('done', {}));
          close();
          return;
        }
      } while (again && !closed);
    } catch (err) {
      deps.onError?.(err);
      // The stream ends; the page falls back to polling and says so.
      close();
    } finally {
      reading = false;
    }
  };

  return new ReadableStream<Uint8Array>({
    async start(c) {
      controller = c;
      if (signal.aborted) return close();
      signal.addEventListener('abort', onAbort);
      // Subscribe before the first read, so a change between the two is not missed.
      unsubscribe = deps.listener.subscribe(batchId, () => void read());
      await deps.listener.ready();
      try {
        const runs = await deps.readSnapshot(batchId);
        total = runs.length;
        send(frame('snapshot', { runs: runs.map((r) => ({ ...r, stdout: '', stderr: '' })) }));
      } catch (err) {
        deps.onError?.(err);
        return close();
      }
      timers.push(setInterval(() => send(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS));
      timers.push(
        setInterval(() => {
          if (!deps.listener.live) void read();
        }, RESYNC_MS),
      );
      await read();
    },
    cancel() {
      cleanup();
    },
  });
}

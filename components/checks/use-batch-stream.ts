'use client';
// Follows a launch while it runs: the live event stream
// (GET /api/v1/check-runs/{batchId}/events), and only when the stream drops,
// polling every few seconds instead; `paused` says which, so the page can tell
// the reader. Stops when every run has finished.
import { useEffect, useRef, useState } from 'react';
import { applyRunPatch, type RunPatch } from '@/lib/checks/run-patch';
import type { RunView } from '@/lib/checks/types';

/** How often the fallback asks for the whole launch once the stream has dropped. */
export const FALLBACK_POLL_MS = 3_000;
export const PAUSED_NOTICE = 'Live updates paused; refreshing every few seconds.';

export const eventsUrl = (batchId: string) => `/api/v1/check-runs/${encodeURIComponent(batchId)}/events`;

type Handlers = {
  /** The stream's first message: every run, output left out (it follows as patches). */
  onSnapshot?: (runs: RunView[]) => void;
  onPatch?: (patch: RunPatch) => void;
  /** Every run has finished. */
  onDone?: () => void;
  /** Only while the stream is down: called every FALLBACK_POLL_MS. */
  poll: () => void | Promise<void>;
};

/** Returns whether live updates are paused (the page is polling instead). */
export function useBatchStream(batchId: string | null | undefined, active: boolean, handlers: Handlers): boolean {
  const [paused, setPaused] = useState(false);
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    if (!active || !batchId) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const source = new EventSource(eventsUrl(batchId));
    const fallBack = () => {
      // EventSource would retry on its own; a stream that failed once is likely to again
      // (a proxy that buffers, a server at its stream limit), so poll instead and say so.
      source.close();
      setPaused(true);
      timer ??= setInterval(() => void ref.current.poll(), FALLBACK_POLL_MS);
    };
    source.addEventListener('snapshot', (e) => ref.current.onSnapshot?.((JSON.parse(e.data) as { runs: RunView[] }).runs));
    source.addEventListener('run', (e) => ref.current.onPatch?.(JSON.parse(e.data) as RunPatch));
    source.addEventListener('done', () => {
      // Closed before the server ends the response, or EventSource would reconnect.
      source.close();
      ref.current.onDone?.();
    });
    source.onerror = fallBack;
    return () => {
      source.close();
      clearInterval(timer);
      setPaused(false);
    };
  }, [batchId, active]);

  return active && paused;
}

/** The snapshot merged into runs already shown: their output stays until the stream's first patches replace it. */
export function mergeSnapshot(current: RunView[], snapshot: RunView[]): RunView[] {
  const known = new Map(current.map((r) => [r.id, r]));
  return snapshot.map((r) => {
    const k = known.get(r.id);
    return k ? { ...r, stdout: k.stdout, stderr: k.stderr } : r;
  });
}

export function patchRuns(current: RunView[], patch: RunPatch): RunView[] {
  return current.map((r) => (r.id === patch.id ? applyRunPatch(r, patch) : r));
}

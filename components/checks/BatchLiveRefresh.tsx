'use client';
// The batch page is built on the server (groups, diffs); while its launch runs,
// this re-renders it when the live stream says something changed, at most every
// REFRESH_MIN_MS, and once more when every run has finished. If the stream
// drops it refreshes every few seconds instead, and says so.
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { PAUSED_NOTICE, useBatchStream } from './use-batch-stream';

/** A 1,000-host launch sends many events a second; the grouped view is rebuilt at most this often. */
const REFRESH_MIN_MS = 1_000;

export function BatchLiveRefresh({ batchId }: { batchId: string }) {
  const router = useRouter();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = () => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + REFRESH_MIN_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      router.refresh();
    }, wait);
  };
  const paused = useBatchStream(batchId, true, {
    onPatch: refresh,
    onDone: () => router.refresh(),
    poll: () => router.refresh(),
  });
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {paused ? PAUSED_NOTICE : 'Live: this page updates as hosts answer.'}
    </p>
  );
}

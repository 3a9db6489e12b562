// Waits, up to a bound, for a launch's runs to finish, woken by the batch's
// notifications (run-listener.ts) rather than by polling; the launch action
// uses it so quick checks come back finished without the page streaming.
import type { RunListener } from './run-listener';

/** While the listener is not connected, the count is re-read this often instead. */
const FALLBACK_POLL_MS = 250;

export type BatchWaitDeps = {
  listener: Pick<RunListener, 'subscribe' | 'live'>;
  unfinished: (batchId: string) => Promise<number>;
};

/** Resolves true when every run of the batch has finished, false at the deadline. */
export function waitForBatch(batchId: string, timeoutMs: number, deps: BatchWaitDeps): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (result: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearInterval(poll);
      unsubscribe();
      resolve(result);
    };
    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          if ((await deps.unfinished(batchId)) === 0) return finish(true);
        } while (again && !done);
      } catch {
        // The caller reads the batch back either way; an error only ends the wait.
        finish(false);
      } finally {
        checking = false;
      }
    };
    const unsubscribe = deps.listener.subscribe(batchId, () => void check());
    const deadline = setTimeout(() => finish(false), timeoutMs);
    const poll = setInterval(() => {
      if (!deps.listener.live) void check();
    }, FALLBACK_POLL_MS);
    void check();
  });
}

// What the live event stream (run-stream.ts) sends about one run after the
// first snapshot: its status fields and only the output added since the last
// event. Shared by the server (which builds patches) and the browser (which
// applies them), so it imports nothing from the server.
import type { CheckRunStatus } from '@/lib/generated/prisma/enums';
import type { RunView } from './types';

export type RunPatch = {
  id: string;
  status: CheckRunStatus;
  exitCode: number | null;
  verdict: string | null;
  message: string | null;
  durationMs: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Where `stdout` goes in the run's output: 0 replaces it (the first event, or the stored output was rewritten), else it is appended. */
  stdoutFrom: number;
  stdout: string;
  stderrFrom: number;
  stderr: string;
};

/** The run with the patch applied; output is appended unless the patch restarts it. */
export function applyRunPatch(run: RunView, p: RunPatch): RunView {
  return {
    ...run,
    status: p.status,
    exitCode: p.exitCode,
    verdict: p.verdict,
    message: p.message,
    durationMs: p.durationMs,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    stdoutTruncated: p.stdoutTruncated,
    stderrTruncated: p.stderrTruncated,
    stdout: p.stdoutFrom === 0 ? p.stdout : run.stdout + p.stdout,
    stderr: p.stderrFrom === 0 ? p.stderr : run.stderr + p.stderr,
  };
}

import type { CheckRunStatus } from '@/lib/generated/prisma/enums';

/** A check run as the browser sees it (live view, run page, history). */
export type RunView = {
  id: string;
  batchId: string | null;
  status: CheckRunStatus;
  checkSlug: string;
  checkTitle: string;
  hostId: string;
  hostName: string;
  argv: string[];
  params: Record<string, string>;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  verdict: string | null;
  message: string | null;
  durationMs: number | null;
  requestedBy: string | null;
  /** Null when the run is evidence for nothing, or for a draft the caller may not see. */
  incidentSlug: string | null;
  /** Evidence for a draft incident the caller may not see: shown as "a draft incident", unnamed. */
  forDraftIncident: boolean;
  createdAt: string;
  /** When the agent was called; null while queued or when it never was. */
  startedAt: string | null;
  finishedAt: string | null;
};

/** Final states; cancelled (approval expired) and rejected runs never ran, and never will. */
export const FINISHED: readonly CheckRunStatus[] = ['passed', 'failed', 'timed_out', 'error', 'cancelled', 'rejected'];
export const isFinished = (status: CheckRunStatus) => FINISHED.includes(status);

// What a runbook page says about its scheduled verification: read with the
// caller's client (./queries.ts hands in the app's), worded by a pure function
// so the wording is tested without a database.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ago, formatDuration } from './duration';

export type VerificationStatus = {
  every: number;
  role: string;
  failingSince: Date | null;
  /** The newest verification, judged or still running. */
  latest: { startedAt: Date; evaluated: boolean } | null;
  /** The newest judged verification: what the page reports. */
  result: {
    startedAt: Date;
    passed: number;
    total: number;
    problems: string[];
    /** The launch to open: the first with a run that did not pass, else the first. */
    batchId: string | null;
  } | null;
};

/** null when the runbook is not verified on a schedule. */
export async function readVerificationStatus(db: PrismaClient, runbookId: string): Promise<VerificationStatus | null> {
  const runbook = await db.runbook.findUnique({
    where: { id: runbookId },
    select: {
      verifyEverySeconds: true,
      verifyRole: true,
      verifyFailingSince: true,
      verifications: { orderBy: { startedAt: 'desc' }, take: 1, select: { startedAt: true, evaluatedAt: true } },
    },
  });
  if (!runbook?.verifyEverySeconds || !runbook.verifyRole) return null;
  const judged = await db.runbookVerification.findFirst({
    where: { runbookId, evaluatedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true, passed: true, total: true, problems: true, batchIds: true },
  });
  let batchId: string | null = judged?.batchIds[0] ?? null;
  if (judged?.batchIds.length) {
    const notPassed = await db.checkRun.findFirst({
      where: { batchId: { in: judged.batchIds }, status: { not: 'passed' } },
      select: { batchId: true },
    });
    batchId = notPassed?.batchId ?? batchId;
  }
  const latest = runbook.verifications[0];
  return {
    every: runbook.verifyEverySeconds,
    role: runbook.verifyRole,
    failingSince: runbook.verifyFailingSince,
    latest: latest ? { startedAt: latest.startedAt, evaluated: latest.evaluatedAt !== null } : null,
    result: judged
      ? {
          startedAt: judged.startedAt,
          passed: judged.passed ?? 0,
          total: judged.total ?? 0,
          problems: judged.problems as string[],
          batchId,
        }
      : null,
  };
}

export type VerificationSummary = {
  /** "Verified 2 h ago: 11 of 12 passed", "Not verified yet", ... */
  text: string;
  /** "Verification failing since ..." when it is; the page formats the date in the viewer's zone. */
  failingSince: Date | null;
  href: string | null;
  tone: 'ok' | 'failing' | 'neutral';
  /** "every 6h on director" */
  schedule: string;
};

export function verificationSummary(s: VerificationStatus, now: Date): VerificationSummary {
  const schedule = `every ${formatDuration(s.every)} on ${s.role}`;
  const running = s.latest && !s.latest.evaluated;
  if (!s.result) {
    return {
      text: running ? `Not verified yet: the first verification started ${ago(s.latest!.startedAt, now)}` : 'Not verified yet',
      failingSince: null,
      href: null,
      tone: 'neutral',
      schedule,
    };
  }
  const r = s.result;
  const when = ago(r.startedAt, now);
  const text =
    r.total === 0
      ? `Could not verify ${when}: ${r.problems[0] ?? 'no check was launched'}`
      : `Verified ${when}: ${r.passed} of ${r.total} passed${r.problems.length ? ` (${r.problems.length} check${r.problems.length === 1 ? '' : 's'} not launched)` : ''}`;
  return {
    text,
    failingSince: s.failingSince,
    href: r.batchId ? `/checks/batches/${r.batchId}` : null,
    tone: s.failingSince ? 'failing' : r.passed === r.total && r.total > 0 && !r.problems.length ? 'ok' : 'failing',
    schedule,
  };
}

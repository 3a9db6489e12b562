// Creating an approval request, inside the transaction that queues its waiting
// runs (lib/checks/prepare-launch.ts). Takes a transaction client so the
// integration tests drive the same code. The expiry is set on the database's
// clock, as every later comparison with it is (decide.ts).
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { approvalWindowMinutes } from './settings';

export type NewApprovalRequest = {
  batchId: string;
  checkId: string;
  argv: string[];
  hosts: { id: string; name: string }[];
  params: Record<string, string>;
  reason: string;
  requestedById: string | null;
};

export async function createApprovalRequest(
  tx: Prisma.TransactionClient,
  req: NewApprovalRequest,
  windowMinutes = approvalWindowMinutes(),
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomUUID();
  const [row] = await tx.$queryRaw<{ expires_at: Date }[]>`
    INSERT INTO approval_requests (id, batch_id, check_id, argv, hosts, params, reason, requested_by_id, expires_at)
    VALUES (${id}, ${req.batchId}, ${req.checkId}, ${JSON.stringify(req.argv)}::jsonb, ${JSON.stringify(req.hosts)}::jsonb,
      ${JSON.stringify(req.params)}::jsonb, ${req.reason}, ${req.requestedById},
      now() + ${windowMinutes}::int * interval '1 minute')
    RETURNING expires_at`;
  return { id, expiresAt: row!.expires_at };
}

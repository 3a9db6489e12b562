// Writes one audit event. Append-only: there is deliberately no update or
// delete function anywhere, and the database refuses both (migration 20261121130000_auth).
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventInput {
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: AuditOutcome;
  requestId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

type AuditWriter = Pick<PrismaClient, 'auditEvent'>;

export async function recordAudit(client: AuditWriter, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      requestId: event.requestId ?? null,
      details: event.details ?? {},
    },
  });
}

// Writes one audit event. Append-only: there is deliberately no update or
// delete function anywhere, and the database refuses both (migration 20261121130000_auth).
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { escapeControlChars } from '@/lib/validation/text';

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

// Details carry what a request sent (an uploaded file's name, a slug): a NUL in
// them would make PostgreSQL refuse the row, and with it the audit of the request.
function storableDetails(details: AuditEventInput['details'] = {}): NonNullable<AuditEventInput['details']> {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === 'string' ? escapeControlChars(v) : v]));
}

export async function recordAudit(client: AuditWriter, event: AuditEventInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      requestId: event.requestId ?? null,
      details: storableDetails(event.details),
    },
  });
}

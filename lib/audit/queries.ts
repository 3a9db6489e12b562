import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AUDIT_PAGE_SIZE, type AuditFilter } from './schema';

export interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
}

export async function listAuditEvents(filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number; actions: string[] }> {
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.action && { action: filter.action }),
    ...(filter.outcome && { outcome: filter.outcome }),
    ...(filter.actor && { actor: { email: { contains: filter.actor, mode: 'insensitive' } } }),
    ...((filter.from || filter.to) && {
      at: {
        ...(filter.from && { gte: new Date(`${filter.from}T00:00:00Z`) }),
        ...(filter.to && { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) }),
      },
    }),
  };
  const [total, events, actions] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { email: true } } },
    }),
    db.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return {
    total,
    actions: actions.map((a) => a.action),
    rows: events.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor?.email ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome,
      requestId: e.requestId,
      details: e.details,
    })),
  };
}

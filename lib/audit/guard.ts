// Authorization for server actions, with the refusal written to the audit trail.
import 'server-only';
import { db } from '@/lib/db';
import { authorize, requestId, type Denied, type Viewer } from '@/lib/auth/session';
import type { Role } from '@/lib/auth/roles';
import { recordAudit, type AuditEventInput } from './record';

export async function authorizeAction(role: Role, action: string): Promise<{ ok: true; viewer: Viewer } | Denied> {
  const result = await authorize(role);
  if (!result.ok) {
    await recordAudit(db, { action, outcome: 'denied', requestId: await requestId(), details: { reason: result.error } });
  }
  return result;
}

/** Records an event by the current viewer in the current request. */
export async function audit(viewer: Viewer, event: Omit<AuditEventInput, 'actorId' | 'requestId'>): Promise<void> {
  await recordAudit(db, { ...event, actorId: viewer.id, requestId: await requestId() });
}

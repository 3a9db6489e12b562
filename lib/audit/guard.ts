// Authorization for server actions, with the refusal written to the audit trail.
import 'server-only';
import { db } from '@/lib/db';
import { getViewer, requestId, type Denied, type Viewer } from '@/lib/auth/session';
import { hasRole, type Role } from '@/lib/auth/roles';
import { recordAudit, type AuditEventInput } from './record';

/**
 * The viewer if they hold `role`, else why not. A refusal is audited with the
 * signed-in actor when there is one: "viewer X tried to delete a host" is the
 * line an admin needs, not an anonymous denied event.
 */
export async function authorizeAction(role: Role, action: string): Promise<{ ok: true; viewer: Viewer } | Denied> {
  const viewer = await getViewer();
  if (viewer && hasRole(viewer.role, role)) return { ok: true, viewer };
  const denied: Denied = viewer
    ? { ok: false, error: `This needs the ${role} role.`, status: 403 }
    : { ok: false, error: 'Sign in to do this.', status: 401 };
  await recordAudit(db, {
    actorId: viewer?.id ?? null,
    action,
    outcome: 'denied',
    requestId: await requestId(),
    details: { reason: denied.error, required: role },
  });
  return denied;
}

/** Records an event by the current viewer in the current request. */
export async function audit(viewer: Viewer, event: Omit<AuditEventInput, 'actorId' | 'requestId'>): Promise<void> {
  await recordAudit(db, { ...event, actorId: viewer.id, requestId: await requestId() });
}

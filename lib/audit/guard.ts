// Authorization for server actions, with the refusal written to the audit trail.
import 'server-only';
import { headers } from 'next/headers';
import { db } from '@/lib/db';
import { resolveClientAddress, trustedProxies } from '@/lib/auth/client-address';
import { authorize, requestId, type Denied, type Viewer } from '@/lib/auth/session';
import type { Role } from '@/lib/auth/roles';
import { mayAuditAnonymousRefusal } from './anonymous-budget';
import { recordAudit, type AuditEventInput } from './record';

export async function authorizeAction(role: Role, action: string, opts: { duringPasswordChange?: boolean } = {}): Promise<{ ok: true; viewer: Viewer } | Denied> {
  const result = await authorize(role, opts);
  if (!result.ok) {
    // 401 = no valid session: bounded (see anonymous-budget.ts); a signed-in refusal is always recorded.
    const anonymous = result.status === 401;
    if (!anonymous || (await mayAuditAnonymousRefusal(db, resolveClientAddress(await headers(), trustedProxies())))) {
      await recordAudit(db, { action, outcome: 'denied', requestId: await requestId(), details: { reason: result.error } });
    }
  }
  return result;
}

/** Records an event by the current viewer in the current request. */
export async function audit(viewer: Viewer, event: Omit<AuditEventInput, 'actorId' | 'requestId'>): Promise<void> {
  await recordAudit(db, { ...event, actorId: viewer.id, requestId: await requestId() });
}

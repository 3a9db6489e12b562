// Authorization for server actions, with the refusal written to the audit trail.
import 'server-only';
import { headers } from 'next/headers';
import { resolveClientAddress, trustedProxies } from '@/lib/auth/client-address';
import type { Role } from '@/lib/auth/roles';
import { authorize, requestId, type Denied, type Viewer } from '@/lib/auth/session';
import { appendAudit, mayAppendAnonymousRefusal } from './mutations';
import type { AuditEventInput } from './record';

/**
 * The viewer if they hold `role`, else why not. A refusal is audited with the
 * signed-in actor when there is one: "viewer X tried to delete a host" is the
 * line an admin needs, not an anonymous denied event. Refusals of callers with
 * no valid session are bounded (anonymous-budget.ts), so junk cookies cannot
 * grow the trail without end.
 */
export async function authorizeAction(
  role: Role,
  action: string,
  opts: { duringPasswordChange?: boolean } = {},
): Promise<{ ok: true; viewer: Viewer } | Denied> {
  const result = await authorize(role, opts);
  if (result.ok) return result;
  const actorId = result.viewer?.id ?? null;
  if (actorId || (await mayAppendAnonymousRefusal(resolveClientAddress(await headers(), trustedProxies())))) {
    await appendAudit({
      actorId,
      action,
      outcome: 'denied',
      requestId: await requestId(),
      details: { reason: result.error, required: role },
    });
  }
  return result;
}

/** Records an event by the current viewer in the current request. */
export async function audit(viewer: Viewer, event: Omit<AuditEventInput, 'actorId' | 'requestId'>): Promise<void> {
  await appendAudit({ ...event, actorId: viewer.id, requestId: await requestId() });
}

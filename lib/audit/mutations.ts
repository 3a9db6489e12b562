// Audit writes on the app's one client, for ./guard.ts. The recording itself
// (./record.ts, ./anonymous-budget.ts) takes the client as a parameter so scripts
// and tests share it; this is where the app's client is handed in (decision 020:
// only queries.ts, mutations.ts and scripts import lib/db.ts).
import 'server-only';
import { db } from '@/lib/db';
import { mayAuditAnonymousRefusal } from './anonymous-budget';
import { recordAudit, type AuditEventInput } from './record';

export function appendAudit(event: AuditEventInput): Promise<void> {
  return recordAudit(db, event);
}

/** Whether an anonymous refusal from `address` still fits its budget (./anonymous-budget.ts). */
export function mayAppendAnonymousRefusal(address: Parameters<typeof mayAuditAnonymousRefusal>[1]): Promise<boolean> {
  return mayAuditAnonymousRefusal(db, address);
}

// Host registry writes on the app's one client, for ./actions.ts (house rule,
// decision 020: only queries.ts, mutations.ts and scripts import lib/db.ts).
import { db } from '@/lib/db';
import { importInventory } from './import';
import type { InventoryFormat } from './inventory';
import type { HostLabels } from './labels';
import { webSecretPolicy } from './secret-ref';

export function createHostRow(data: { name: string; role: string; agentUrl: string; secretSealed: string; labels: HostLabels }) {
  return db.host.create({ data });
}

/** False when there is no such host. */
export async function updateHostRow(
  hostId: string,
  data: { role: string; agentUrl: string; secretSealed?: string; labels?: HostLabels },
): Promise<boolean> {
  return (await db.host.updateMany({ where: { id: hostId }, data })).count > 0;
}

/** The host's name after storing its new sealed secret, or null when there is no such host. */
export async function replaceHostSecret(hostId: string, secretSealed: string): Promise<string | null> {
  const updated = await db.host.updateManyAndReturn({ where: { id: hostId }, data: { secretSealed }, select: { name: true } });
  return updated[0]?.name ?? null;
}

/** False when there is no such host. */
export async function setHostDisabledRow(hostId: string, disabled: boolean): Promise<boolean> {
  return (await db.host.updateMany({ where: { id: hostId }, data: { disabled } })).count > 0;
}

/** Runs are evidence and keep their host: a host with runs is not deleted, and the count says why. */
export async function deleteHostWithoutRuns(hostId: string): Promise<{ runs: number } | { deleted: boolean }> {
  const runs = await db.checkRun.count({ where: { hostId } });
  if (runs > 0) return { runs };
  return { deleted: (await db.host.deleteMany({ where: { id: hostId } })).count > 0 };
}

const hostColumns = { id: true, name: true, role: true, agentUrl: true, disabled: true } as const;

/** Several hosts in one statement: all are registered or none (a taken name refuses the lot). */
export function createHostRows(rows: { name: string; role: string; agentUrl: string; secretSealed: string }[]) {
  return db.host.createManyAndReturn({ data: rows, select: hostColumns });
}

/** Changes the given fields only; null when there is no such host. */
export async function patchHostRow(
  hostId: string,
  data: { role?: string; agentUrl?: string; secretSealed?: string; disabled?: boolean },
) {
  if (!(await db.host.updateMany({ where: { id: hostId }, data })).count) return null;
  return db.host.findUnique({ where: { id: hostId }, select: hostColumns });
}

/** Previews (apply false) or applies an inventory with the web import's secret policy (./secret-ref.ts). */
export function importHostsFromInventory(text: string, format: InventoryFormat, apply: boolean) {
  return importInventory(db, text, format, { policy: webSecretPolicy(), apply });
}

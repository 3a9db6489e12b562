// Changing one action item in place (its status or owner). The item lives in its
// incident's document, so the change is a save of that document through the
// incident write path (lib/incidents/store.ts): a new revision, the version
// check, the cache invalidation. A page showing an older version is refused
// instead of overwriting a save it never saw.
import 'server-only';
import type { ActionItemStatus } from '@/lib/generated/prisma/enums';
import { getStoredIncident } from '@/lib/incidents/authoring-queries';
import { runIncidentWrite } from '@/lib/incidents/mutations';
import { writeIncident } from '@/lib/incidents/store';
import type { ActionItemUpdate } from './schema';

export type ItemChange = {
  status?: { from: ActionItemStatus; to: ActionItemStatus };
  owner?: { from: string | null; to: string | null };
};

export type UpdateItemResult =
  | { ok: true; incidentId: string; version: number; text: string; change: ItemChange }
  | { ok: false; reason: 'missing' | 'stale' | 'unchanged' | 'failed'; message?: string };

export async function updateActionItemInIncident(input: ActionItemUpdate, authorId: string): Promise<UpdateItemResult> {
  // Authors may change items of drafts too: they see drafts.
  const stored = await getStoredIncident({ slug: input.slug }, true);
  const item = stored?.document.actionItems[input.position];
  if (!stored || !item) return { ok: false, reason: 'missing' };
  if (stored.version !== input.version) return { ok: false, reason: 'stale' };

  const change: ItemChange = {};
  if (input.status !== undefined && input.status !== item.status) change.status = { from: item.status, to: input.status };
  if (input.owner !== undefined && input.owner !== (item.owner ?? null))
    change.owner = { from: item.owner ?? null, to: input.owner };
  if (!change.status && !change.owner) return { ok: false, reason: 'unchanged' };

  const doc = stored.document;
  doc.actionItems[input.position] = {
    ...item,
    ...(change.status ? { status: change.status.to } : {}),
    ...(change.owner ? { owner: change.owner.to ?? undefined } : {}),
  };
  const result = await runIncidentWrite((tx) =>
    writeIncident(tx, doc, { existing: { id: stored.id, version: input.version }, authorId }),
  );
  if (!result.ok) {
    return 'conflict' in result ? { ok: false, reason: 'stale' } : { ok: false, reason: 'failed', message: result.error };
  }
  return { ok: true, incidentId: result.id, version: result.version, text: item.text, change };
}

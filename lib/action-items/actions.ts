'use server';
// Changing an action item's status or owner in place (authors and above), through
// lib/actions/pipeline.ts: role (refusals audited) -> zod -> a save of the
// incident as a new revision with its version check (./mutations.ts) -> audit -> revalidate.
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { updateActionItemInIncident } from './mutations';
import { actionItemUpdateSchema } from './schema';

const REFUSALS = {
  missing: 'This action item no longer exists; reload the page.',
  stale: 'The postmortem was saved by someone else since this page was loaded; nothing was changed. Reload and try again.',
  unchanged: 'Nothing to change.',
  failed: 'The change could not be saved.',
} as const;

export const updateActionItem = action({
  name: 'action-item.update',
  role: 'author',
  input: 'form',
  schema: actionItemUpdateSchema,
  handler: async (input, { viewer }): Promise<ActionResult<{ slug: string; version: number }>> => {
    const result = await updateActionItemInIncident(input, viewer.id);
    if (!result.ok) {
      return { ok: false, error: result.message ?? REFUSALS[result.reason], status: result.reason === 'stale' ? 409 : 400 };
    }
    await audit(viewer, {
      action: 'action-item.update',
      targetType: 'incident',
      targetId: result.incidentId,
      outcome: 'success',
      details: {
        slug: input.slug,
        position: input.position,
        version: result.version,
        text: result.text.slice(0, 200),
        ...(result.change.status ? { statusFrom: result.change.status.from, statusTo: result.change.status.to } : {}),
        ...(result.change.owner ? { ownerFrom: result.change.owner.from, ownerTo: result.change.owner.to } : {}),
      },
    });
    return { ok: true, slug: input.slug, version: result.version };
  },
  revalidate: (saved) => ['/action-items', '/insights', `/incidents/${saved.slug}`, `/incidents/${saved.slug}/history`],
});
